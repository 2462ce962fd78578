using System.Globalization;
using System.Net;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Reporting;

/// <summary>The one way text enters the report: secrets masked first, then HTML-encoded (safe in elements and attribute values).</summary>
internal sealed class HtmlText(SecretMasker masker)
{
    public string this[string? text] => text is null ? "" : WebUtility.HtmlEncode(masker.Apply(text));

    public static string Duration(double milliseconds) => milliseconds switch
    {
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0} ms"),
        < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.0#} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(milliseconds / 60_000):0} min {milliseconds % 60_000 / 1000:0} s"),
    };

    public static string Time(DateTimeOffset at) => at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
