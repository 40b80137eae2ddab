using System.Collections.Immutable;
using System.Text;

namespace Swarm.Core.Backends;

/// <summary>
/// One link of a chain as the user wrote it: a backend name and its arguments, split from one string with
/// shell-like quoting (<c>'openstack --flavor=m1.tiny'</c>, <c>"aggregate 'simulator' 'simulator'"</c>).
/// </summary>
public sealed record BackendSpec(string Name, ImmutableArray<string> Args)
{
    /// <summary>Splits a spec string. Empty or unbalanced quoting is a <see cref="SwarmSpecException"/>.</summary>
    public static BackendSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Split(text);
        return words.Count == 0
            ? throw new SwarmSpecException("empty spec: expected a backend name, for example 'simulator'")
            : new BackendSpec(words[0], [.. words.Skip(1)]);
    }

    /// <summary>Splits words like a POSIX shell: single quotes literal, double quotes with \-escapes, \ outside quotes.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new SwarmSpecException($"unterminated ' in spec: {text}");
                }

                word.Append(text, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '"')
            {
                i = ReadDoubleQuoted(text, i + 1, word);
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else
            {
                word.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The spec as one string, each argument quoted where it needs to be.</summary>
    public override string ToString() => string.Join(' ', Args.Prepend(Name).Select(Quote));

    private static int ReadDoubleQuoted(string text, int i, StringBuilder word)
    {
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                c = text[++i];
            }

            word.Append(c);
        }

        throw new SwarmSpecException($"unterminated \" in spec: {text}");
    }

    private static string Quote(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
