using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ContainerCloudBuild.Secrets;

/// <summary>The forms a secret takes in transit: as written, URL-encoded, JSON-escaped, and inside HTTP Basic credentials.</summary>
public static class SecretForms
{
    /// <summary>
    /// The secret as written, URL-encoded (<c>%20</c> and <c>+</c> for a space, upper- and lower-case hex) and
    /// JSON-escaped (System.Text.Json's default <c>\u0022</c> style and the relaxed <c>\"</c> style). Distinct values.
    /// </summary>
    public static IReadOnlyList<string> Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var dataEscaped = Uri.EscapeDataString(secret);
        var formEncoded = WebUtility.UrlEncode(secret);
        string[] forms =
        [
            secret,
            dataEscaped,
            LowerHex(dataEscaped),
            formEncoded,
            LowerHex(formEncoded),
            JsonEncodedText.Encode(secret, JavaScriptEncoder.Default).ToString(),
            JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
        ];
        return [.. forms.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The base64 of <c>user:secret</c>, as sent in an <c>Authorization: Basic</c> header.</summary>
    public static string BasicCredentials(string user, string secret)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}"));
    }

    /// <summary><c>%2F</c> becomes <c>%2f</c>: some encoders write lower-case hex.</summary>
    private static string LowerHex(string encoded)
    {
        if (!encoded.Contains('%', StringComparison.Ordinal))
            return encoded;
        var chars = encoded.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] != '%')
                continue;
            chars[i + 1] = char.ToLower(chars[i + 1], CultureInfo.InvariantCulture);
            chars[i + 2] = char.ToLower(chars[i + 2], CultureInfo.InvariantCulture);
            i += 2;
        }
        return new string(chars);
    }
}
