namespace ContainerCloudBuild.Manifests;

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One finding of a render: what was wrong, where (file, 1-based line and column when known), and
/// how to fix it. <see cref="Code"/> is stable so tools and tests can match on it.
/// </summary>
public sealed record ManifestDiagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string Message,
    string? File = null,
    int? Line = null,
    int? Column = null)
{
    public static ManifestDiagnostic Error(string code, string message, string? file = null, int? line = null, int? column = null) =>
        new(DiagnosticSeverity.Error, code, message, file, line, column);

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public string Location =>
        File is null ? "" : Line is null ? File : Column is null ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";

    public override string ToString()
    {
        var severity = Severity.ToString().ToLowerInvariant();
        return Location.Length == 0 ? $"{severity} {Code}: {Message}" : $"{Location}: {severity} {Code}: {Message}";
    }
}

/// <summary>Stable diagnostic codes, one per rule.</summary>
public static class DiagnosticCodes
{
    public const string ValuesUnknownKey = "VAL001";
    public const string ValuesWrongType = "VAL002";
    public const string ValuesBadSet = "VAL003";
    public const string ValuesFileMissing = "VAL004";
    public const string ValuesSyntax = "VAL005";
    public const string TemplateSyntax = "TPL001";
    public const string TemplateRuntime = "TPL002";
    public const string TemplateOutputNotYaml = "TPL003";
    public const string TemplatesMissing = "TPL004";
    public const string UnknownKind = "K8S001";
    public const string UnknownField = "K8S002";
    public const string WrongFieldType = "K8S003";
    public const string MissingIdentity = "K8S004";
    public const string SelectorMismatch = "CHK001";
    public const string ServiceTargetPort = "CHK002";
    public const string ProbePort = "CHK003";
    public const string RequestsExceedLimits = "CHK004";
    public const string MissingReference = "CHK005";
    public const string DuplicateResource = "CHK006";
    public const string OpenShiftSecurityContext = "CHK007";
    public const string OpenShiftRoute = "CHK008";
}
