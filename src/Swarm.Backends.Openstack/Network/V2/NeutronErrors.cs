using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Swarm.Backends.Openstack.Http;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Network.V2;

/// <summary>
/// Neutron's refusals in the words a Docker user reads: Neutron names each error (<c>{"NeutronError": {"type": ...}}</c>),
/// and the ones a Docker command meets map to Docker's words and kinds; any other falls back to
/// <see cref="OpenstackErrors"/>.
/// </summary>
internal static class NeutronErrors
{
    /// <summary>The error for a failed Neutron response about <paramref name="what"/>.</summary>
    public static BeamException FromResponse(RawResponse response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (type, message) = Parse(response.Body);
        var status = $"(Neutron {type}, HTTP {response.Status})";
        return type switch
        {
            "IpAddressAlreadyAllocated" or "IpAddressInUse" => BeamException.Conflict($"Address already in use: {what}: {message} {status}"),
            "IpAddressGenerationFailure" => BeamException.Conflict($"no available addresses left: {what}: {message} {status}"),
            "InvalidIpForSubnet" or "InvalidIpForNetwork" or "InvalidInput" => BeamException.Invalid($"openstack: Neutron: {what}: {message} {status}"),
            "OverQuota" => BeamException.Unavailable($"openstack: the project's Neutron quota is used up: {what}: {message} {status}"),
            "NetworkInUse" or "SecurityGroupInUse" or "PortInUse" => BeamException.Conflict($"openstack: Neutron: {what}: {message} {status}"),
            _ => OpenstackErrors.FromResponse(response, what),
        };
    }

    /// <summary>Throws the mapped error for a failed response; returns a successful one.</summary>
    public static RawResponse EnsureSuccess(RawResponse response, string what) =>
        response.IsSuccess ? response : throw FromResponse(response, what);

    /// <summary>Throws the mapped error for a failed Neutron response; returns a successful one.</summary>
    public static RawResponse EnsureNeutron(this RawResponse response, string what) => EnsureSuccess(response, what);

    /// <summary>Parses a successful Neutron response; a failed one throws the mapped error.</summary>
    public static T ReadNeutron<T>(this RawResponse response, JsonTypeInfo<T> type, string what) => EnsureSuccess(response, what).Read(type, what);

    /// <summary>Neutron's error type and message, or empty strings.</summary>
    public static (string Type, string Message) Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("NeutronError", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return (Text(error, "type"), Text(error, "message"));
            }
        }
        catch (JsonException)
        {
            // Not Neutron's JSON: the generic mapping reads it.
        }

        return ("", OpenstackErrors.Detail(body));
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
