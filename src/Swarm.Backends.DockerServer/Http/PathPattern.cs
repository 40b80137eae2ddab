namespace Swarm.Backends.DockerServer.Http;

/// <summary>
/// Go's <c>path.Match</c>, which dockerd's <c>reference</c> filter uses: <c>*</c> is any run of characters but
/// <c>/</c>, <c>?</c> one character but <c>/</c>, <c>[a-z]</c> and <c>[^a-z]</c> classes, <c>\</c> escapes. Each
/// chunk after a star is matched at its leftmost position, never backtracking, so the time is at most the pattern's
/// length times the name's, whatever the pattern (a backtracking glob is exponential in the number of stars).
/// </summary>
internal static class PathPattern
{
    /// <summary>Whether <paramref name="name"/> matches; a malformed pattern is <see cref="FormatException"/>.</summary>
    public static bool Match(string pattern, string name)
    {
        Validate(pattern);
        var p = 0;
        var n = 0;
        while (p < pattern.Length)
        {
            var (star, start, end) = ScanChunk(pattern, ref p);
            var last = p == pattern.Length;
            if (star && start == end)
            {
                // A trailing star takes the rest of the name unless it crosses a slash.
                return name.IndexOf('/', n) < 0;
            }

            // The last chunk must end the name; an earlier one may leave text for the stars that follow.
            if (MatchChunk(pattern, start, end, name, n) is var rest and >= 0 && (rest == name.Length || !last))
            {
                n = rest;
                continue;
            }

            if (!star || SkipAndMatch(pattern, start, end, name, n, last) is not (var after and >= 0))
            {
                return false;
            }

            n = after;
        }

        return n == name.Length;
    }

    /// <summary>Throws <see cref="FormatException"/> unless every chunk of the pattern is well formed.</summary>
    public static void Validate(string pattern)
    {
        var p = 0;
        while (p < pattern.Length)
        {
            var (_, start, end) = ScanChunk(pattern, ref p);
            MatchChunk(pattern, start, end, "", 0);
        }
    }

    // The star takes the first i+1 characters (never a slash), the chunk then matches at the leftmost place;
    // the name's position after it, or -1.
    private static int SkipAndMatch(string pattern, int start, int end, string name, int n, bool last)
    {
        for (var i = n; i < name.Length && name[i] != '/'; i++)
        {
            if (MatchChunk(pattern, start, end, name, i + 1) is var rest and >= 0 && !(last && rest < name.Length))
            {
                return rest;
            }
        }

        return -1;
    }

    // Steps over the leading stars and the chunk up to the next star outside a class.
    private static (bool Star, int Start, int End) ScanChunk(string pattern, ref int p)
    {
        var star = false;
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
            star = true;
        }

        var start = p;
        var inClass = false;
        for (; p < pattern.Length; p++)
        {
            var c = pattern[p];
            if (c == '\\' && p + 1 < pattern.Length)
            {
                p++;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '*' && !inClass)
            {
                break;
            }
        }

        return (star, start, p);
    }

    // Matches the star-free chunk pattern[p..end] at name[n]: the position after it, or -1. After a mismatch it
    // keeps reading the chunk, only to check its syntax.
    private static int MatchChunk(string pattern, int p, int end, string name, int n)
    {
        var failed = false;
        while (p < end)
        {
            failed |= n == name.Length;
            switch (pattern[p])
            {
                case '[':
                    var c = failed ? '\0' : name[n++];
                    p++;
                    var negated = p < end && pattern[p] == '^';
                    p += negated ? 1 : 0;
                    var matched = false;
                    for (var ranges = 0; ; ranges++)
                    {
                        if (p < end && pattern[p] == ']' && ranges > 0)
                        {
                            p++;
                            break;
                        }

                        var lo = ClassChar(pattern, ref p, end);
                        var hi = lo;
                        if (pattern[p] == '-')
                        {
                            p++;
                            hi = ClassChar(pattern, ref p, end);
                        }

                        matched |= lo <= c && c <= hi;
                    }

                    failed |= matched == negated;
                    break;
                case '?':
                    if (!failed)
                    {
                        failed = name[n++] == '/';
                    }

                    p++;
                    break;
                default:
                    if (pattern[p] == '\\' && ++p == end)
                    {
                        throw Bad();
                    }

                    if (!failed)
                    {
                        failed = pattern[p] != name[n++];
                    }

                    p++;
                    break;
            }
        }

        return failed ? -1 : n;
    }

    // One character of a class, escaped or not; the class must go on after it (at least its closing bracket).
    private static char ClassChar(string pattern, ref int p, int end)
    {
        if (p == end || pattern[p] is '-' or ']')
        {
            throw Bad();
        }

        if (pattern[p] == '\\' && ++p == end)
        {
            throw Bad();
        }

        var c = pattern[p++];
        return p < end ? c : throw Bad();
    }

    private static FormatException Bad() => new("syntax error in pattern");
}
