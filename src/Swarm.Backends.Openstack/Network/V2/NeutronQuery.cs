using Flurl;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>Neutron list filters: a field may repeat (<c>id=a&amp;id=b</c> matches either); different fields must all hold.</summary>
internal static class NeutronQuery
{
    /// <summary>Adds each filter to <paramref name="url"/>, repeating a field for each of its values.</summary>
    public static Url With(this Url url, IEnumerable<KeyValuePair<string, string>>? filters)
    {
        ArgumentNullException.ThrowIfNull(url);
        foreach (var group in (filters ?? []).GroupBy(f => f.Key, StringComparer.Ordinal))
        {
            url.SetQueryParam(group.Key, group.Select(f => f.Value).ToArray());
        }

        return url;
    }

    /// <summary>A filter list from pairs.</summary>
    public static List<KeyValuePair<string, string>> Of(params (string Key, string Value)[] filters) =>
        [.. filters.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))];
}
