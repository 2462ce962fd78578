using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ContainerCloudBuild.Output;

/// <summary>
/// Writers over the process's own stdout and stderr for the build's console. On Unix they write to the
/// file descriptors directly: .NET's console streams take a lock on <c>Console.Out</c> for every write,
/// and <c>Console.Out</c> is the build's target-aware writer during a run, so a tool's stderr line written
/// while another thread held <c>Console.Out</c> for a stdout line deadlocked the build (lock-order
/// inversion between <c>Console.Out</c> and the target writer).
/// </summary>
internal static class ProcessStreams
{
    public static TextWriter Open(int descriptor, TextWriter consoleWriter)
    {
        if (OperatingSystem.IsWindows())
            return consoleWriter;
        var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        return TextWriter.Synchronized(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true });
    }
}
