using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Gto.PowerShell.Loading
{
    /// <summary>
    /// Runs when PowerShell imports Gto.PowerShell.dll: routes the cmdlets' reference to
    /// Gto.Engine into the private <see cref="GtoLoadContext"/>.
    /// </summary>
    /// <remarks>
    /// Why a Resolving hook: the cmdlets are compiled against Gto.Engine types, so the runtime
    /// asks the default context for Gto.Engine the first time a cmdlet runs. Gto.Engine.dll is
    /// deliberately NOT next to Gto.PowerShell.dll (it lives in core/dependencies/), so the
    /// default context fails to find it and raises Resolving; we answer from our own context,
    /// which then loads LibGit2Sharp and YamlDotNet privately as the engine needs them.
    /// Only the name Gto.Engine is answered: everything else resolves as PowerShell would.
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private const string EngineAssemblyName = "Gto.Engine";

        private static readonly object s_gate = new object();
        private static GtoLoadContext? s_context; // one per process: a non-collectible context cannot be recreated usefully
        private static bool s_hooked;

        /// <summary>The folder the engine and its dependencies load from: core/dependencies/.</summary>
        internal static string DependencyDirectory { get; } = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".",
            "dependencies");

        /// <inheritdoc />
        public void OnImport()
        {
            lock (s_gate)
            {
                // Without a laid-out dependencies/ folder (e.g. loading straight from bin/) there is
                // nothing to isolate; leave the default probing alone.
                if (s_hooked || !File.Exists(Path.Combine(DependencyDirectory, GtoLoadContext.EngineFileName)))
                {
                    return;
                }
                s_context ??= new GtoLoadContext(DependencyDirectory);
                AssemblyLoadContext.Default.Resolving += ResolveEngine;
                s_hooked = true;
            }
        }

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            // An assembly, once bound, stays bound; unhooking just stops answering new requests,
            // so a session that removed the module is left as it was before the import.
            lock (s_gate)
            {
                if (s_hooked)
                {
                    AssemblyLoadContext.Default.Resolving -= ResolveEngine;
                    s_hooked = false;
                }
            }
        }

        private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
        {
            if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            return s_context?.LoadFromAssemblyName(name);
        }
    }
}
