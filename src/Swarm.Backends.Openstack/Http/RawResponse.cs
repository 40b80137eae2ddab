using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Http;

/// <summary>A response read to its end: status, body and headers.</summary>
internal sealed record RawResponse(int Status, string Body, IReadOnlyDictionary<string, string> Headers, string Service)
{
    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>A header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>The service's clock when it answered (the <c>Date</c> header), or null.</summary>
    public DateTimeOffset? Date => Header("Date") is { } date
        && DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>Throws the Beam error for a failed response; <paramref name="what"/> names the object.</summary>
    public RawResponse EnsureSuccess(string what) => IsSuccess ? this : throw OpenstackErrors.FromResponse(this, what);

    /// <summary>Parses the body; an unreadable body is an internal error naming the service.</summary>
    public T Read<T>(JsonTypeInfo<T> type, string what)
    {
        EnsureSuccess(what);
        try
        {
            return JsonSerializer.Deserialize(Body, type) ?? throw new JsonException("null document");
        }
        catch (JsonException ex)
        {
            throw new BeamException(BeamErrorKind.Internal, $"openstack: {Service} sent an unreadable answer for {what}: {ex.Message}", ex);
        }
    }
}
