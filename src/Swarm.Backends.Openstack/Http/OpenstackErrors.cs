using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Swarm.Core.Beam;

namespace Swarm.Backends.Openstack.Http;

/// <summary>
/// Turns OpenStack failures into Beam errors: the kind from the status, the message from the body (Nova's
/// <c>{"itemNotFound": {"message": ...}}</c>, Keystone's <c>{"error": ...}</c>, Glance's HTML pages), naming the object.
/// </summary>
internal static partial class OpenstackErrors
{
    private const int MaxDetail = 400;

    /// <summary>The error for a failed response about <paramref name="what"/>.</summary>
    public static BeamException FromResponse(RawResponse response, string what)
    {
        var kind = KindOf(response.Status);
        var reason = ((HttpStatusCode)response.Status).ToString();
        var detail = Detail(response.Body);
        var message = detail.Length > 0
            ? $"openstack: {response.Service}: {what}: {detail} (HTTP {response.Status} {reason})"
            : $"openstack: {response.Service}: {what}: HTTP {response.Status} {reason}";
        return new BeamException(kind, message);
    }

    /// <summary>The Beam kind of an HTTP status.</summary>
    public static BeamErrorKind KindOf(int status) => status switch
    {
        400 or 422 => BeamErrorKind.Invalid,
        401 or 403 => BeamErrorKind.Unauthorized,
        404 => BeamErrorKind.NotFound,
        409 => BeamErrorKind.Conflict,
        413 or 429 or >= 500 => BeamErrorKind.Unavailable,
        _ => BeamErrorKind.Internal,
    };

    /// <summary>The human part of an error body: a JSON message, or the text of an HTML page.</summary>
    public static string Detail(string body)
    {
        var text = body.Trim();
        if (text.Length == 0)
        {
            return "";
        }

        if (text[0] == '{')
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (FindMessage(doc.RootElement) is { Length: > 0 } found)
                {
                    return Shorten(found);
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to plain text.
            }
        }

        if (text[0] == '<')
        {
            text = Tags().Replace(Title().Replace(text, " "), " ");
            text = WebUtility.HtmlDecode(text);
        }

        return Shorten(Spaces().Replace(text, " ").Trim());
    }

    private static string? FindMessage(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in new[] { "message", "faultstring", "detail", "title" })
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        // Nova and Keystone wrap it: {"itemNotFound": {...}}, {"error": {...}}.
        foreach (var property in element.EnumerateObject())
        {
            if (FindMessage(property.Value) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= MaxDetail ? text : text[..MaxDetail] + "...";

    [GeneratedRegex("<title>.*?</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
