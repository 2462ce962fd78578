using ContainerCloudBuild.Manifests.Yaml;
using YamlDotNet.RepresentationModel;

namespace ContainerCloudBuild.Manifests.Tests;

public sealed class YamlScalarTests
{
    [Theory]
    [InlineData("hello-service", "hello-service")]
    [InlineData("app.kubernetes.io/name", "app.kubernetes.io/name")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("On", "\"On\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("8080", "\"8080\"")]
    [InlineData("", "\"\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("line1\nline2", "\"line1\\nline2\"")]
    [InlineData("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\"")]
    [InlineData("\u2028\u0085\u0007", "\"\\L\\N\\x07\"")]
    [InlineData("日本 😀", "\"日本 😀\"")]
    public void FormatString_Value_IsQuotedOnlyWhenNeeded(string value, string expected) =>
        Assert.Equal(expected, YamlScalar.FormatString(value));

    [Theory]
    [InlineData(3L, "3")]
    [InlineData(true, "true")]
    [InlineData(1.5, "1.5")]
    [InlineData(2.0, "2.0")]
    [InlineData(null, "null")]
    public void Format_NonString_IsPlain(object? value, string expected) => Assert.Equal(expected, YamlScalar.Format(value));

    [Fact]
    public void FormatAsString_Number_IsQuoted() => Assert.Equal("\"8080\"", YamlScalar.FormatAsString(8080L));

    [Fact]
    public void DoubleQuote_UnpairedSurrogate_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => YamlScalar.DoubleQuote("a\uD800b"));
        Assert.StartsWith("The value contains an unpaired UTF-16 surrogate (U+D800) at index 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteDocument_NestedValues_ParsesBackToTheSameTree()
    {
        var tree = new OrderedDictionary<string, object?>
        {
            ["a: b"] = "x # y",
            ["list"] = new List<object?> { "- z", new OrderedDictionary<string, object?> { ["k"] = "v", ["n"] = 1L }, new List<object?>() },
            ["empty"] = new OrderedDictionary<string, object?>(),
        };

        var yaml = YamlBlockWriter.WriteDocument(tree);

        Assert.Equal("\"a: b\": \"x # y\"\nlist:\n  - \"- z\"\n  - k: v\n    \"n\": 1\n  - []\nempty: {}\n", yaml);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal("x # y", ((YamlScalarNode)root["a: b"]).Value);
    }
}
