using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Gto.PowerShell.Loading
{
    /// <summary>
    /// The private load context that holds Gto.Engine and its third-party dependencies
    /// (LibGit2Sharp, its native libgit2, YamlDotNet), all taken from <c>core/dependencies/</c>.
    /// </summary>
    /// <remarks>
    /// Why: another module in the same session may already have loaded a different
    /// YamlDotNet (e.g. powershell-yaml) or LibGit2Sharp into PowerShell's default context.
    /// Loading ours here lets both versions live side by side, and keeps ours from
    /// breaking theirs.
    /// </remarks>
    internal sealed class GtoLoadContext : AssemblyLoadContext
    {
        /// <summary>The shared model; it must come from the default context (see <see cref="Load"/>).</summary>
        private const string ModelAssemblyName = "Gto.Model";

        private readonly string _dependencyDirectory;
        private readonly AssemblyDependencyResolver _resolver;

        public GtoLoadContext(string dependencyDirectory)
            : base("Gto", isCollectible: false) // PowerShell cannot unload cmdlet assemblies anyway.
        {
            _dependencyDirectory = Path.GetFullPath(dependencyDirectory);
            // The resolver reads Gto.Engine.deps.json, which lists the managed dependencies and
            // the per-RID native libgit2 under runtimes/<rid>/native/.
            _resolver = new AssemblyDependencyResolver(Path.Combine(_dependencyDirectory, EngineFileName));
        }

        public const string EngineFileName = "Gto.Engine.dll";

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Returning null defers to the default context. Gto.Model must be shared: the engine
            // returns Gto.* objects that scripts see as [Gto.Artifact] etc., and those types must
            // be the very ones loaded from core/ into the default context, or `-is` fails.
            // The same goes for framework assemblies and System.Management.Automation.
            if (string.Equals(assemblyName.Name, ModelAssemblyName, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            string? path = _resolver.ResolveAssemblyToPath(assemblyName);
            if (path is null || !File.Exists(path) || !IsUnderDependencies(path))
            {
                return null;
            }
            return LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            // LibGit2Sharp's own lookup (GlobalSettings.NativeLibraryPath) is broken on Linux: it
            // omits the "lib" prefix. Nor can we call NativeLibrary.SetDllImportResolver: LibGit2Sharp
            // already set one for its assembly, and there can be only one. When its resolver gives
            // up, the runtime asks this context, so we resolve git2-* through deps.json here
            // (the resolver tries the platform's lib prefix and .so/.dylib/.dll suffix).
            if (unmanagedDllName.StartsWith("git2", StringComparison.OrdinalIgnoreCase)
                || unmanagedDllName.StartsWith("libgit2", StringComparison.OrdinalIgnoreCase))
            {
                string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
                if (path is not null && File.Exists(path))
                {
                    return LoadUnmanagedDllFromPath(path);
                }
            }
            return IntPtr.Zero; // let the runtime probe as usual
        }

        private bool IsUnderDependencies(string path) =>
            Path.GetFullPath(path).StartsWith(_dependencyDirectory, StringComparison.Ordinal);
    }
}
