using System.Globalization;

namespace BareKestrel;

/// <summary>
/// <c>--port N --route /path=FILE ... --header 'Name: value' ...</c>: where to listen, what to answer on each
/// path, and the headers every answer carries (those dockerserver sent, less Date and Content-Length).
/// </summary>
internal sealed record BareOptions(int Port, Dictionary<string, byte[]> Routes, List<KeyValuePair<string, string>> Headers)
{
    public static BareOptions Parse(string[] args)
    {
        var port = 0;
        var routes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--port":
                    port = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--route":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    routes[value[..eq]] = File.ReadAllBytes(value[(eq + 1)..]);
                    break;
                case "--header":
                    var colon = value.IndexOf(':', StringComparison.Ordinal);
                    headers.Add(new(value[..colon].Trim(), value[(colon + 1)..].Trim()));
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}; usage: --port N --route /path=FILE --header 'Name: value'");
            }
        }

        return port > 0 ? new(port, routes, headers) : throw new ArgumentException("--port N is required");
    }
}
