namespace ContainerCloudBuild.Engine.Execution;

/// <summary>
/// Where a target's failure came from. Our own exceptions (tool failures, adapter errors) carry
/// their diagnosis in the message; any other exception is a bug somewhere, so its stack is shown.
/// </summary>
internal static class FailureOrigin
{
    private const string OwnNamespace = "ContainerCloudBuild.";

    public static bool IsForeign(Exception exception) =>
        exception.GetType().Namespace is not { } ns || !ns.StartsWith(OwnNamespace, StringComparison.Ordinal);

    /// <summary>The stack of the exception (and its inner exceptions), innermost cause last.</summary>
    public static string Describe(Exception exception)
    {
        var lines = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (!ReferenceEquals(e, exception)) lines.Add($" ---> {e.GetType().Name}: {e.Message}");
            if (e.StackTrace is { } stack) lines.Add(stack);
        }

        return string.Join('\n', lines);
    }
}
