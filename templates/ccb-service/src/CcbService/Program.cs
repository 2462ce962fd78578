using CcbService;

// Listens where ASPNETCORE_HTTP_PORTS / ASPNETCORE_URLS say (the Docker-host rollout sets PORT and ASPNETCORE_HTTP_PORTS
// per replica); APP_VERSION is what the build stamped into the image.
await ServiceApp.Create(args).RunAsync();
