using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Analysis.Events;

/// <summary>Applies the one masking rule (<see cref="SecretMasker"/>) to every field of an event before it leaves the process.</summary>
public static class PipelineEventMasking
{
    public static PipelineEvent Apply(this SecretMasker masker, PipelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(masker);
        ArgumentNullException.ThrowIfNull(e);
        if (!masker.HasSecrets)
            return e;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in e.Fields)
            fields[masker.Apply(key)] = masker.Apply(value);
        return e with { Type = masker.Apply(e.Type), Message = masker.Apply(e.Message), Level = masker.Apply(e.Level), Fields = fields };
    }
}
