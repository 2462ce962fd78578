namespace ContainerCloudBuild.Engine;

/// <summary>Turns a caller argument expression such as <c>() => ApiKey</c> into <c>ApiKey</c>.</summary>
internal static class ExpressionText
{
    public static string Body(string expression)
    {
        var arrow = expression.IndexOf("=>", StringComparison.Ordinal);
        var body = arrow >= 0 ? expression[(arrow + 2)..] : expression;
        return body.Trim();
    }
}
