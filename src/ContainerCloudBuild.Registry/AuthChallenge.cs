using System.Text;

namespace ContainerCloudBuild.Registry;

/// <summary>
/// One challenge from a <c>WWW-Authenticate</c> header, e.g.
/// <c>Bearer realm="https://auth/token",service="registry",scope="repository:a:pull"</c>.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);
    public string? Realm => Get("realm");
    public string? Service => Get("service");
    public string? Scope => Get("scope");
    public string? Error => Get("error");

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Parses a header value with one or more challenges (RFC 7235): the scheme, then
    /// comma-separated <c>name=value</c> pairs where values may be quoted strings with escapes.
    /// </summary>
    public static IReadOnlyList<AuthChallenge> Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var result = new List<AuthChallenge>();
        var reader = new Reader(header);
        string? scheme = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            reader.SkipSeparators();
            if (reader.AtEnd) break;
            var token = reader.ReadToken();
            if (token.Length == 0) { reader.Skip(); continue; }
            reader.SkipWhitespace();
            if (reader.Peek == '=' && scheme is not null)
            {
                reader.Skip();
                reader.SkipWhitespace();
                parameters[token] = reader.Peek == '"' ? reader.ReadQuoted() : reader.ReadToken();
                continue;
            }
            if (scheme is not null) result.Add(new AuthChallenge(scheme, parameters));
            scheme = token;
            parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }
        if (scheme is not null) result.Add(new AuthChallenge(scheme, parameters));
        return result;
    }

    private sealed class Reader(string text)
    {
        private int _position;
        public bool AtEnd => _position >= text.Length;
        public char Peek => AtEnd ? '\0' : text[_position];
        public void Skip() => _position++;

        public void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(Peek)) _position++;
        }

        public void SkipSeparators()
        {
            while (!AtEnd && (char.IsWhiteSpace(Peek) || Peek == ',')) _position++;
        }

        public string ReadToken()
        {
            var start = _position;
            while (!AtEnd && !char.IsWhiteSpace(Peek) && Peek != ',' && Peek != '=' && Peek != '"') _position++;
            return text[start.._position];
        }

        public string ReadQuoted()
        {
            var builder = new StringBuilder();
            _position++; // opening quote
            while (!AtEnd && Peek != '"')
            {
                if (Peek == '\\' && _position + 1 < text.Length) _position++;
                builder.Append(Peek);
                _position++;
            }
            if (!AtEnd) _position++; // closing quote
            return builder.ToString();
        }
    }
}
