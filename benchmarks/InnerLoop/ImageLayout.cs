namespace ContainerCloudBuild.InnerLoop;

/// <summary>How the sample becomes an image: which publish, which base, which Dockerfile.</summary>
sealed record ImageLayout(string Name, string Repository, Func<string, string, IReadOnlyList<string>> PublishArguments, string BaseImage, string Dockerfile)
{
    /// <summary>Today's layout: framework-dependent app on the runtime image (the runtime is a lower layer pushed once).</summary>
    public static ImageLayout Layered(string runtimeImage, string sampleDockerfile) =>
        new("layered", "bench/hello-service", SamplePublish.Arguments, runtimeImage, sampleDockerfile);

    /// <summary>The previous layout: self-contained output (runtime and app) as one new layer on runtime-deps every time.</summary>
    public static ImageLayout SelfContained(string runtimeDepsImage) =>
        new("self-contained", "bench/hello-service-sc",
            (project, output) => ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:InvariantGlobalization=true", "-o", output],
            runtimeDepsImage,
            """
            ARG BASE_IMAGE
            FROM ${BASE_IMAGE}
            ARG APP_VERSION=dev
            ENV APP_VERSION=${APP_VERSION}
            COPY app/ /app/
            WORKDIR /app
            USER 1000
            ENTRYPOINT ["/app/hello-service"]
            """);
}
