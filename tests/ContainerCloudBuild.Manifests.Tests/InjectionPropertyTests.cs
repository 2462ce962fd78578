using ContainerCloudBuild.Manifests.Values;
using ContainerCloudBuild.Manifests.Yaml;
using ContainerCloudBuild.Testing;
using CsCheck;
using YamlDotNet.RepresentationModel;

namespace ContainerCloudBuild.Manifests.Tests;

/// <summary>
/// Injection safety: every string value of the everything-on values (defaults included) is set to
/// a random hostile string; each template's output must parse to the same structure as with
/// harmless markers, and every scalar must equal the marker rendering with the markers replaced by
/// the random strings, so each value round-trips exactly, alone or inside composed values. The
/// keys of the free-form maps (labels, annotations, node selector, config data) are injected too.
/// </summary>
public sealed class InjectionPropertyTests
{
    private static readonly string[] Hostile =
    [
        "\n", "\r\n", "\r", ": ", ":", "#", " #", "'", "\"", "\\", "---", "...", "{{", "}}", "{%", "&anchor", "*anchor",
        "!tag", "!!binary", "!!int", "- ", "? ", "|", ">", "%YAML", "@", "`", "\t", " ", "[", "]", "{", "}", ",",
        "true", "null", "~", "0x1F", "1e3", "0123", "8080", "yes", "é", "日本語", "😀", "\u2028", "\u0085", "\u00A0", "\uFEFF", "\0", "\u001B",
    ];

    private static readonly Gen<string> HostileString = Gen.OneOf(
            Gen.OneOf(Hostile),
            Gen.Char["abcXYZ09 -_./:#'\"\\\n\t{}[]&*!|>%@`,?é日😀"[..^2]].Select(c => c.ToString()),
            Gen.String[Gen.Char['\u0020', '\u007E'], 1, 6])
        .Array[1, 8]
        .Select(parts => string.Concat(parts));

    [Fact]
    public async Task Render_HostileStringsInEveryValue_KeepStructureAndRoundTrip()
    {
        var ct = TestContext.Current.CancellationToken;
        var plain = MergedEverythingValues();
        var leaves = StringLeaves(plain, "").ToList();
        Assert.True(leaves.Count > 50, $"only {leaves.Count} string values found");
        Assert.True(leaves.Count(IsKey) >= 6, "free-form map keys are not injected");
        var markers = leaves.Select((_, i) => $"zqm{i}x").ToArray();
        var renderer = new ManifestRenderer();
        using var temp = new TempDirectory("ccb-inject");
        var baseline = await RenderAsync(renderer, temp, plain, leaves, markers, ct);

        await Check.SampleAsync(HostileString.Array[leaves.Count], async random =>
        {
            var strings = random.Select((r, i) => IsKey(leaves[i]) ? r + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : r).ToArray();
            var rendered = await RenderAsync(renderer, temp, plain, leaves, strings, ct);
            Assert.Equal(baseline.Keys, rendered.Keys);
            foreach (var (template, docs) in baseline)
            {
                Assert.Equal(docs.Count, rendered[template].Count);
                for (var d = 0; d < docs.Count; d++)
                    AssertSameShape(docs[d], rendered[template][d], markers, strings, template);
            }
        }, iter: 150, threads: 1);
    }

    private static async Task<Dictionary<string, List<YamlNode>>> RenderAsync(ManifestRenderer renderer, TempDirectory temp,
        object? plain, List<string[]> leaves, string[] replacements, CancellationToken ct)
    {
        var values = Replace(plain, [], leaves, replacements);
        var file = temp.WriteFile($"values-{Guid.NewGuid():N}.yaml", YamlBlockWriter.WriteDocument(values));
        var result = await renderer.RenderAsync(new RenderRequest(TestPaths.Templates) { ValuesFiles = [file] }, ct);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("VAL", StringComparison.Ordinal) || d.Code.StartsWith("TPL", StringComparison.Ordinal));
        var parsed = new Dictionary<string, List<YamlNode>>();
        foreach (var output in result.RenderedTemplates)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(output.Text));
            parsed[output.Template] = stream.Documents.Select(doc => doc.RootNode).ToList();
        }
        return parsed;
    }

    private static void AssertSameShape(YamlNode expected, YamlNode actual, string[] markers, string[] strings, string where)
    {
        Assert.True(actual.Anchor.IsEmpty, $"{where}: an anchor appeared at {actual.Start}");
        Assert.True(actual.Tag.IsEmpty || actual.Tag.IsNonSpecific, $"{where}: a tag appeared at {actual.Start}");
        Assert.Equal(expected.NodeType, actual.NodeType);
        switch (expected)
        {
            case YamlMappingNode map:
                var other = (YamlMappingNode)actual;
                Assert.Equal(map.Children.Count, other.Children.Count);
                foreach (var ((k1, v1), (k2, v2)) in map.Children.Zip(other.Children))
                {
                    AssertSameShape(k1, k2, markers, strings, where);
                    if (k1 is YamlScalarNode { Value: "checksum/config" }) continue;
                    AssertSameShape(v1, v2, markers, strings, $"{where} {k1}");
                }
                break;
            case YamlSequenceNode seq:
                var items = ((YamlSequenceNode)actual).Children;
                Assert.Equal(seq.Children.Count, items.Count);
                for (var i = 0; i < items.Count; i++)
                    AssertSameShape(seq.Children[i], items[i], markers, strings, $"{where}[{i}]");
                break;
            case YamlScalarNode scalar:
                var want = scalar.Value ?? "";
                for (var i = markers.Length - 1; i >= 0; i--)
                    want = want.Replace(markers[i], strings[i], StringComparison.Ordinal);
                Assert.Equal(want, ((YamlScalarNode)actual).Value);
                break;
        }
    }

    private static object? MergedEverythingValues()
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var defaults = ValuesFileReader.Read(File.ReadAllText(Path.Combine(TestPaths.Templates, "defaults.yaml")), "defaults.yaml", diagnostics)!;
        var everything = ValuesFileReader.Read(File.ReadAllText(Path.Combine(TestPaths.Cases, "everything.yaml")), "everything.yaml", diagnostics)!;
        var merged = ValuesMerger.Merge(defaults, everything, "", diagnostics);
        Assert.Empty(diagnostics);
        return merged.ToPlain();
    }

    /// <summary>Free-form maps whose keys come from values.</summary>
    private static readonly string[][] OpenMaps =
        [["labels"], ["podAnnotations"], ["nodeSelector"], ["config", "data"], ["ingress", "annotations"]];

    private const string KeyMark = "@key:";

    private static bool IsKey(string[] leaf) => leaf[^1].StartsWith(KeyMark, StringComparison.Ordinal);

    private static bool IsOpen(string[] path) => OpenMaps.Any(m => m.SequenceEqual(path));

    private static IEnumerable<string[]> StringLeaves(object? node, string _) => Leaves(node, []);

    private static IEnumerable<string[]> Leaves(object? node, string[] path) => node switch
    {
        string => [path],
        OrderedDictionary<string, object?> map => map.SelectMany(p =>
            (IsOpen(path) ? [[.. path, KeyMark + p.Key]] : Array.Empty<string[]>()).Concat(Leaves(p.Value, [.. path, p.Key]))),
        List<object?> list => list.SelectMany((item, i) => Leaves(item, [.. path, $"#{i}"])),
        _ => [],
    };

    private static object? Replace(object? node, string[] path, List<string[]> leaves, string[] replacements) => node switch
    {
        string => replacements[leaves.FindIndex(l => l.SequenceEqual(path))],
        OrderedDictionary<string, object?> map => new OrderedDictionary<string, object?>(
            map.Select(p => KeyValuePair.Create(
                IsOpen(path) ? replacements[leaves.FindIndex(l => l.SequenceEqual([.. path, KeyMark + p.Key]))] : p.Key,
                Replace(p.Value, [.. path, p.Key], leaves, replacements)))),
        List<object?> list => list.Select((item, i) => Replace(item, [.. path, $"#{i}"], leaves, replacements)).ToList(),
        _ => node,
    };
}
