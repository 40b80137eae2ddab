using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Swarm.Tests.DockerServer.Fuzz;

/// <summary>
/// Random Docker API requests from a seed: real routes and junk ones, every method, known query parameters with
/// values of every kind, JSON bodies right and wrong, and transport-level mischief (truncated heads and bodies,
/// oversized lines, headers and bodies, bad chunks, garbage bytes).
/// </summary>
public sealed class DockerRequestGenerator(int seed, Func<IReadOnlyList<string>> containers)
{
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "POST", "POST", "DELETE", "HEAD", "PUT", "PATCH", "OPTIONS"];
    private static readonly string[] Versions = ["", "", "", "/v1.50", "/v1.41", "/v1.24", "/v1.23", "/v1.51", "/v9", "/v1.", "/vx.y", "/v1.50.1"];
    private static readonly string[] Actions =
    [
        "json", "start", "stop", "restart", "kill", "pause", "unpause", "rename", "wait", "logs", "attach", "exec", "top",
        "stats", "changes", "export", "archive", "resize", "update", "attach/ws", "copy", "", "x", "json/extra",
    ];

    private static readonly string[] Params =
    [
        "all", "limit", "size", "filters", "since", "until", "t", "signal", "name", "follow", "tail", "stdout", "stderr",
        "timestamps", "condition", "fromImage", "tag", "stream", "stdin", "force", "v", "link", "logs", "detachKeys", "platform",
    ];

    private static readonly string[] FilterKeys =
    [
        "id", "name", "label", "status", "ancestor", "exited", "before", "since", "health", "network", "type", "container",
        "event", "image", "scope", "reference", "dangling", "until", "bogus",
    ];

    private static readonly string[] Commands = ["echo hi", "true", "false", "sleep 1000", "cat", "top", "sh -c 'echo a; exit 3'", "nosuch", "sleep 1e300", "printf x", "env", "hostname", "exit 300", "sh -c \"echo 'open\""];

    private readonly Random _random = new(seed);

    public FuzzRequest Next()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 4 => Garbage(),
            < 8 => Oversized(),
            _ => Http(),
        };
    }

    private FuzzRequest Http()
    {
        var method = Pick(Methods);
        var target = Target(method, out var mayWait);
        var (body, contentType, chunked) = Body(method, target);
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n");
        if (contentType is not null)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        if (_random.Next(20) == 0)
        {
            head.Append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        }

        var ending = _random.Next(20) switch
        {
            0 => FuzzEnding.Close,
            1 => FuzzEnding.Reset,
            2 or 3 => FuzzEnding.HalfClose,
            _ => FuzzEnding.Read,
        };
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        byte[] payload;
        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n\r\n");
            payload = Chunked(bytes);
        }
        else
        {
            var length = bytes.Length;
            if (bytes.Length > 0 && _random.Next(15) == 0)
            {
                // A body shorter than its Content-Length: the client then leaves or half-closes.
                length += 1 + _random.Next(100);
                ending = _random.Next(2) == 0 ? FuzzEnding.HalfClose : FuzzEnding.Reset;
            }

            if (bytes.Length > 0 || method is "POST" or "PUT" or "PATCH")
            {
                head.Append("Content-Length: ").Append(length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }

            head.Append("\r\n");
            payload = bytes;
        }

        byte[] all = [.. Encoding.UTF8.GetBytes(head.ToString()), .. payload];
        if (_random.Next(25) == 0)
        {
            // Truncated anywhere, head included, then the client leaves or half-closes.
            all = all[.._random.Next(Math.Max(1, all.Length))];
            ending = _random.Next(2) == 0 ? FuzzEnding.HalfClose : FuzzEnding.Close;
        }

        return new FuzzRequest(method, target, all, ending, mayWait);
    }

    private string Target(string method, out bool mayWait)
    {
        mayWait = false;
        var version = Pick(Versions);
        var id = Reference();
        var path = method == "POST" && _random.Next(3) == 0 ? "/containers/create" : _random.Next(22) switch
        {
            0 => "/_ping",
            1 => "/version",
            2 => "/info",
            3 => "/events",
            4 or 5 => "/containers/json",
            6 or 7 => "/containers/create",
            8 or 9 or 10 or 11 => $"/containers/{id}/{Pick(Actions)}",
            12 => $"/containers/{id}",
            13 => "/images/json",
            14 => $"/images/{Pick(["cirros", "cirros:latest", "docker.io/library/cirros", "sha256:", "nosuch", "a/b/c", "%2e%2e", Junk(10)])}/{Pick(["json", "history", "push", "tag", "get", ""])}",
            15 => "/images/create",
            16 => $"/{Pick(["networks", "volumes", "plugins", "exec", "build", "commit", "swarm", "nodes", "system", "session", "grpc", "auth"])}/{Junk(6)}",
            17 => $"/containers/prune",
            18 => "/" + string.Join('/', Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Junk(8))),
            19 => Pick(["/", "//", "/containers", "/containers/", "/images/", "/v1.50", "/v1.50/", "/%00", "/containers/%2F/json"]),
            _ => $"/containers/{id}/logs",
        };
        var query = Query(path);
        mayWait = path.EndsWith("/logs", StringComparison.Ordinal) && query.Contains("follow=", StringComparison.Ordinal);
        return version + path + query;
    }

    private string Query(string path)
    {
        var count = _random.Next(4) == 0 ? 0 : _random.Next(1, 7);
        if (path.EndsWith("/logs", StringComparison.Ordinal) && _random.Next(2) == 0)
        {
            count++;
        }

        if (count == 0)
        {
            return "";
        }

        var parts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = _random.Next(15) == 0 ? Junk(5) : Pick(Params);
            parts.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(ParamValue(name)));
        }

        return "?" + string.Join('&', parts);
    }

    private string ParamValue(string name) => name switch
    {
        "filters" => Filters(),
        "since" or "until" => Pick(["0", "1", "-1", "1700000000", "1700000000.123456789", "253402300799", "253402300800", "99999999999999999999", "1e10", "NaN", "", "x", NowPlus(2), NowPlus(-5)]),
        "t" or "limit" or "tail" => Pick(["0", "1", "-1", "10", "all", "2147483648", "-2147483649", "1.5", "", "x"]),
        "signal" => Pick(["SIGKILL", "KILL", "9", "SIGTERM", "15", "SIGHUP", "0", "65", "-1", "SIGNOPE", "", "SIGUSR1"]),
        "condition" => Pick(["not-running", "next-exit", "removed", "bogus", ""]),
        "name" => Pick(["fuzz-" + _random.Next(20), "", "/x", "bad name", "a", Junk(300), "-x", "x" + new string('y', 70)]),
        "fromImage" => Pick(["cirros", "docker.io/library/cirros", "nosuch", "", "a:b:c", "cirros@sha256:00", Junk(20)]),
        _ => Pick(["1", "0", "true", "false", "True", "no", "none", "", "yes", Junk(4), "-1", "99999999999999999999"]),
    };

    private string Filters()
    {
        switch (_random.Next(8))
        {
            case 0:
                return Junk(12);
            case 1:
                return Pick(["", "{}", "[]", "null", "1", "\"x\"", "{\"status\":1}", "{\"label\":{\"a\":false}}", "{", "{\"reference\":[\"" + new string('*', 200) + "X\"]}"]);
            default:
                var filters = new JsonObject();
                for (var i = 0; i < _random.Next(1, 4); i++)
                {
                    var values = Enumerable.Range(0, _random.Next(0, 3)).Select(_ => FilterValue()).ToList();
                    filters[Pick(FilterKeys)] = _random.Next(2) == 0
                        ? new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))])
                        : new JsonObject(values.Distinct().Select(v => KeyValuePair.Create(v, (JsonNode?)JsonValue.Create(_random.Next(4) != 0))));
                }

                return filters.ToJsonString();
        }
    }

    private string FilterValue() => Pick(
    [
        "running", "exited", "created", "paused", "dead", "restarting", "removing", "cirros", "cirros:latest", "busybox",
        "a=b", "a", "=", "", "0", "1", "137", "-1", "x", "fuzz-1", "/fuzz-1", "[", "(", "*", "c?r*", "[a-", "\\", "container",
        "image", "local", "create", "start", "die", Reference(),
    ]);

    private (string? Body, string? ContentType, bool Chunked) Body(string method, string target)
    {
        if (method is not ("POST" or "PUT" or "PATCH") || _random.Next(5) == 0)
        {
            return (null, _random.Next(10) == 0 ? "application/json" : null, false);
        }

        var contentType = _random.Next(16) switch
        {
            0 => null,
            1 => "text/plain",
            2 => "application/json; charset=utf-8",
            3 => Pick(["application/json; =x", "garbage", "application/x-www-form-urlencoded", "APPLICATION/JSON"]),
            _ => "application/json",
        };
        var body = _random.Next(12) switch
        {
            0 => Junk(_random.Next(1, 60)),
            1 => "",
            2 => new string('[', 100) + new string(']', 100),
            3 => Truncate(CreateBody()),
            4 => Pick(["null", "[]", "1", "\"x\"", "true", "{\"Image\":\"cirros\",}", "{\"Image\":\"cirros\"}{}", "\uFEFF{\"Image\":\"cirros\"}"]),
            _ => CreateBody(),
        };
        return (body, contentType, _random.Next(12) == 0);
    }

    private string CreateBody()
    {
        var body = new JsonObject();
        if (_random.Next(8) != 0)
        {
            body[Pick(["Image", "image", "IMAGE"])] = _random.Next(6) == 0 ? AnyValue(1) : Pick(["cirros", "busybox", "alpine:latest", "nosuch", "", "sha256:x"]);
        }

        var keys = new[] { "Cmd", "Entrypoint", "Env", "Labels", "Tty", "OpenStdin", "Hostname", "ExposedPorts", "HostConfig", "Name", "AttachStdin", "StopSignal", "Unknown" };
        for (var i = 0; i < _random.Next(0, 6); i++)
        {
            var key = Pick(keys);
            body[key] = _random.Next(6) == 0 ? AnyValue(0) : key switch
            {
                "Cmd" or "Entrypoint" => _random.Next(2) == 0
                    ? JsonValue.Create(Pick(Commands))
                    : new JsonArray([.. Swarm.Core.Backends.BackendSpec.Split(Pick(Commands[..^1])).Select(w => (JsonNode?)JsonValue.Create(w))]),
                "Env" => new JsonArray(JsonValue.Create("A=1"), JsonValue.Create(Junk(5))),
                "Labels" => new JsonObject { [Junk(3)] = Junk(3), ["app"] = "fuzz" },
                "Tty" or "OpenStdin" => JsonValue.Create(_random.Next(2) == 0),
                "ExposedPorts" => new JsonObject { [Pick(["80/tcp", "53/udp", "x", "70000", "0/tcp", "80/sctp"])] = new JsonObject() },
                "HostConfig" => HostConfig(),
                _ => JsonValue.Create(Junk(6)),
            };
        }

        return body.ToJsonString();
    }

    private JsonObject HostConfig()
    {
        var config = new JsonObject();
        if (_random.Next(2) == 0)
        {
            config["PortBindings"] = new JsonObject
            {
                [Pick(["80/tcp", "8080", "x/tcp", "99999/tcp", "-1/tcp"])] = _random.Next(5) == 0
                    ? AnyValue(0)
                    : new JsonArray(new JsonObject { ["HostIp"] = Pick(["", "0.0.0.0", "::", "x"]), ["HostPort"] = Pick(["", "8080", "0", "65536", "-1", "x"]) }),
            };
        }

        if (_random.Next(2) == 0)
        {
            config["AutoRemove"] = _random.Next(4) == 0 ? AnyValue(0) : JsonValue.Create(_random.Next(2) == 0);
        }

        if (_random.Next(2) == 0)
        {
            config[Pick(["Memory", "NanoCpus"])] = _random.Next(3) == 0 ? AnyValue(0) : JsonValue.Create(Pick(new long[] { 0, -1, 1, long.MaxValue, 1L << 40 }));
        }

        return config;
    }

    private JsonNode? AnyValue(int depth) => (_random.Next(depth > 3 ? 5 : 8)) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(Pick(new double[] { 0, -1, 1.5, 1e30, -1e300, 2147483648 })),
        3 => JsonValue.Create(Junk(_random.Next(0, 20))),
        4 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        5 => new JsonArray([.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => AnyValue(depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, _random.Next(0, 4)).Select(i => KeyValuePair.Create(Junk(4) + i, AnyValue(depth + 1)))),
    };

    private FuzzRequest Garbage()
    {
        var bytes = new byte[_random.Next(1, 300)];
        _random.NextBytes(bytes);
        if (_random.Next(2) == 0)
        {
            // Something close to HTTP: a bad request line or a header without a colon.
            bytes = Encoding.UTF8.GetBytes(Pick(["GET\r\n\r\n", "GET / HTTP/1.1\r\nHost\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "G\0T / HTTP/1.1\r\n\r\n", "GET /containers/json HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", "POST /containers/create HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\n Folded: y\r\n\r\n"]));
        }

        // A client that waits for an answer ends its request; one that never ends it is answered by Kestrel's
        // head timeout (30 s), which the fuzz does not wait for each time.
        var ending = Pick([FuzzEnding.Read, FuzzEnding.HalfClose, FuzzEnding.Close]);
        return new FuzzRequest("?", "(garbage)", ending == FuzzEnding.Read ? [.. bytes, .. "\r\n\r\n"u8] : bytes, ending, false);
    }

    private FuzzRequest Oversized()
    {
        var kind = _random.Next(3);
        var text = kind switch
        {
            0 => string.Concat("GET /containers/json?filters=", new string('x', 9000 + _random.Next(20000)), " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            1 => string.Concat("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Registry-Auth: ", new string('a', 33 * 1024), "\r\n\r\n"),
            _ => $"GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{string.Concat(Enumerable.Range(0, 120).Select(i => $"X-H{i}: v\r\n"))}\r\n",
        };
        if (_random.Next(3) == 0)
        {
            // Concatenated, not interpolated: an interpolated string rents its buffer from ArrayPool<char>.Shared,
            // which then keeps megabytes the heap figures would blame on the server.
            var body = string.Concat("{\"Image\":\"cirros\",\"Env\":[\"X=", new string('x', 1_100_000 + _random.Next(3_000_000)), "\"]}");
            var head = "POST /containers/create HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: "
                + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n";
            return new FuzzRequest("POST", "/containers/create (oversized body)", [.. Encoding.ASCII.GetBytes(head), .. Encoding.ASCII.GetBytes(body)], FuzzEnding.Read, false);
        }

        return new FuzzRequest("?", "(oversized)", Encoding.UTF8.GetBytes(text), FuzzEnding.Read, false);
    }

    private string Reference()
    {
        var known = containers();
        return _random.Next(10) switch
        {
            < 4 when known.Count > 0 => known[_random.Next(known.Count)],
            4 when known.Count > 0 => Prefix(known[_random.Next(known.Count)]),
            5 => "fuzz-" + _random.Next(20),
            6 => Pick(["nosuch", "", "..", "%2F", "a%20b", "%ZZ", "\u00e9t\u00e9", new string('f', 64), new string('0', 300)]),
            _ => Junk(_random.Next(1, 16)),
        };
    }

    private string Prefix(string text) => text[..Math.Min(_random.Next(1, 13), text.Length)];

    private string Junk(int length)
    {
        const string alphabet = "abcdefXYZ0189-_.:/%?#[]{}\"'\\ \t!$&()*+,;=@~^`|<>\u00e9\u4e2d";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return Uri.EscapeDataString(new string(chars)) is var escaped && _random.Next(2) == 0 ? escaped : new string(chars).Replace(" ", "%20", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal).Replace("#", "", StringComparison.Ordinal).Replace("?", "", StringComparison.Ordinal);
    }

    private string Truncate(string text) => text[.._random.Next(Math.Max(1, text.Length))];

    private byte[] Chunked(byte[] body)
    {
        var output = new List<byte>();
        var at = 0;
        while (at < body.Length)
        {
            var size = Math.Min(body.Length - at, _random.Next(1, 64));
            output.AddRange(Encoding.ASCII.GetBytes(size.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.AddRange(body.AsSpan(at, size));
            output.AddRange("\r\n"u8);
            at += size;
        }

        output.AddRange(_random.Next(15) == 0 ? Encoding.ASCII.GetBytes(Pick(["zz\r\n", "5\r\nab", "0\r\nX"])) : "0\r\n\r\n"u8.ToArray());
        return [.. output];
    }

    private static string NowPlus(int seconds) => DateTimeOffset.UtcNow.AddSeconds(seconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
