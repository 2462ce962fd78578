namespace ContainerCloudBuild.Harbor.Api;

/// <summary>
/// Path segments as Harbor's spec wants them. A repository name containing '/' is URL-encoded
/// twice (<c>team/app</c> → <c>team%2Fapp</c> → <c>team%252Fapp</c>), every other segment once.
/// </summary>
internal static class HarborPaths
{
    public static string Segment(string value) => Uri.EscapeDataString(value);

    public static string Repository(string repository) => Uri.EscapeDataString(Uri.EscapeDataString(repository));

    public static string Artifact(string project, string repository, string reference) =>
        $"projects/{Segment(project)}/repositories/{Repository(repository)}/artifacts/{Segment(reference)}";
}
