using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContainerCloudBuild.Files;

namespace ContainerCloudBuild.Engine.Execution;

/// <summary>
/// Decides whether a target with declared inputs can be skipped (rule E5) and remembers the
/// input hash of each successful run in <c>&lt;stateDirectory&gt;/&lt;target&gt;.inputs</c>.
/// </summary>
public sealed class UpToDateCheck(string rootDirectory, string stateDirectory)
{
    public string ComputeHash(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
        Add(target.Name);
        foreach (var file in FileGlob.Match(rootDirectory, target.InputGlobs))
        {
            Add(file);
            using var stream = File.OpenRead(Path.Combine(rootDirectory, file));
            hash.AppendData(SHA256.HashData(stream));
        }

        foreach (var value in target.InputValues)
            Add(value.Name + "=" + Convert.ToString(value.Read(), CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Returns null when the target must run, else why it is up to date.</summary>
    public string? WhyUpToDate(TargetSpec target, string currentHash)
    {
        ArgumentNullException.ThrowIfNull(target);
        var stored = StatePath(target.Name);
        if (!File.Exists(stored) || File.ReadAllText(stored).Trim() != currentHash)
            return null;
        var missing = target.OutputGlobs.FirstOrDefault(g => FileGlob.Match(rootDirectory, [g]).Count == 0);
        return missing is null ? $"inputs unchanged (hash {currentHash[..12]}) and outputs present" : null;
    }

    public void RecordSuccess(string target, string hash)
    {
        AtomicFile.WriteAllText(StatePath(target), hash);
    }

    public void Forget(string target)
    {
        var path = StatePath(target);
        if (File.Exists(path)) File.Delete(path);
    }

    private string StatePath(string target) => Path.Combine(stateDirectory, target.ToLowerInvariant() + ".inputs");
}
