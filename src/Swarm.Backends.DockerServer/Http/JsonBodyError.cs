using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Swarm.Backends.DockerServer.Wire;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>
/// Says what was wrong with a JSON body in Docker's words: <c>json: cannot unmarshal string into field Labels of type
/// map[string]string</c>, as dockerd's Go decoder does, never a .NET type name. The field is found by walking the
/// failing path through the document (for what was sent) and through the body's type (for what was expected).
/// </summary>
internal static class JsonBodyError
{
    public static string Describe(ReadOnlySequence<byte> body, JsonException error, JsonTypeInfo root)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException syntax)
        {
            return "invalid JSON body: " + FirstSentence(syntax.Message);
        }

        using (document)
        {
            if (Walk(document.RootElement, root, error.Path ?? "$") is { } mismatch)
            {
                return mismatch;
            }

            // The path did not lead to a value (a converter's own complaint): say where, never which .NET type.
            var where = error.Path is { Length: > 1 } path ? $" at {path}" : "";
            var why = error.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? "the value has the wrong type"
                : FirstSentence(Strip(error.Message));
            return $"invalid JSON body{where}: {why}";
        }
    }

    private static string? Walk(JsonElement element, JsonTypeInfo root, string path)
    {
        var type = root.Type;
        JsonPropertyInfo? property = null;
        var field = new StringBuilder();
        foreach (var segment in Segments(path))
        {
            if (segment.Index is { } index)
            {
                if (element.ValueKind != JsonValueKind.Array || index >= element.GetArrayLength() || ElementType(type) is not { } item)
                {
                    return null;
                }

                element = element[index];
                type = item;
                property = null;
                field.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                continue;
            }

            if (element.ValueKind != JsonValueKind.Object || Member(element, segment.Name!) is not { } member)
            {
                return null;
            }

            element = member.Value;
            if (DictionaryValueType(type) is { } value)
            {
                type = value;
                property = null;
            }
            else if (root.Options.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name.Equals(segment.Name, StringComparison.OrdinalIgnoreCase)) is { } info)
            {
                type = info.PropertyType;
                property = info;
            }
            else
            {
                return null;
            }

            field.Append(field.Length > 0 && field[^1] != '.' ? "." : "").Append(member.Name);
        }

        var expected = property?.CustomConverter is StrSliceConverter ? "string or []string" : GoName(type);
        var what = field.Length == 0 ? "the request body" : "field " + field;
        return $"json: cannot unmarshal {Kind(element, type)} into {what} of type {(field.Length == 0 ? "object" : expected)}";
    }

    private static JsonProperty? Member(JsonElement element, string name)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        return null;
    }

    // $.HostConfig.PortBindings['80/tcp'][0].HostPort: names and indices.
    private static IEnumerable<(string? Name, int? Index)> Segments(string path)
    {
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                yield return (path[(i + 1)..end], null);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    yield break;
                }

                yield return (path[(i + 2)..end].Replace("\\'", "'", StringComparison.Ordinal), null);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    yield break;
                }

                yield return (null, index);
                i = end + 1;
            }
            else
            {
                yield break;
            }
        }
    }

    private static string Kind(JsonElement element, Type expected) => element.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsNumber(expected) ? "number " + element.GetRawText() : "number",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };

    private static bool IsNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(uint) || type == typeof(ulong);

    private static string GoName(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(bool) => "bool",
        _ when type == typeof(int) => "int",
        _ when type == typeof(long) => "int64",
        _ when type == typeof(double) => "float64",
        _ when type == typeof(JsonElement) => "{}",
        _ when Nullable.GetUnderlyingType(type) is { } inner => GoName(inner),
        _ when DictionaryValueType(type) is { } value => "map[string]" + GoName(value),
        _ when ElementType(type) is { } item => "[]" + GoName(item),
        _ => type.Name.StartsWith("Create", StringComparison.Ordinal) ? type.Name["Create".Length..] : type.Name,
    };

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
        : null;

    // System.Text.Json's messages end with " Path: $.x | LineNumber: 0 | BytePositionInLine: 9.".
    private static string Strip(string message)
    {
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
