using System;
using System.IO;
using System.Runtime.InteropServices;
using Gto.Engine.Naming;

namespace Gto.Engine.Delivery
{
    /// <summary>
    /// Checks names read from a repository (annotation paths, tree entries, DVC manifests, link targets) before any of
    /// them becomes a path on disk: every one is input from strangers (docs/hostile-input.md).
    /// </summary>
    internal static class StoredNames
    {
        private static readonly bool OnWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Why a relative, '/'-separated stored name is unsafe to write under a destination, or null.</summary>
        public static string? Problem(string name)
        {
            if (name.Length == 0) return "the name is empty";
            if (ControlCharacters.Find(name, allowLineBreaks: false) >= 0) return "the name holds a control character";
            if (name[0] == '/' || (OnWindows && (name.Contains('\\') || name.Contains(':')))) return "the name is an absolute path";
            foreach (var segment in name.Split('/'))
            {
                if (segment.Length == 0 || segment == ".") return "the name has an empty or '.' segment";
                if (segment == "..") return "the name climbs out with '..'";
                // A .git folder in the destination would make it a repository whose config and hooks git obeys.
                if (string.Equals(segment, ".git", StringComparison.OrdinalIgnoreCase)) return "the name has a '.git' segment";
            }
            return null;
        }

        /// <summary>Throws UnsafeArtifactPath unless <paramref name="name"/> is safe; <paramref name="what"/> says where it came from.</summary>
        public static void Assert(string name, string what)
        {
            var problem = Problem(name);
            if (problem != null)
                throw new GtoException(GtoErrors.UnsafeArtifactPath,
                    $"{what} '{ControlCharacters.Printable(name)}' cannot be saved: {problem}. Nothing was written; fix the name in the repository.", name);
        }

        /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/>, which it must not leave.</summary>
        public static string Under(string root, string relative)
        {
            var full = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
            if (!IsInside(root, full))
                throw new GtoException(GtoErrors.UnsafeArtifactPath,
                    $"'{ControlCharacters.Printable(relative)}' resolves outside the destination '{root}'. Nothing was written.", relative);
            return full;
        }

        /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both full paths).</summary>
        public static bool IsInside(string root, string path)
        {
            var comparison = OnWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var r = root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return string.Equals(path, r, comparison) || path.StartsWith(r + Path.DirectorySeparatorChar, comparison);
        }

        /// <summary>
        /// Throws UnsafeArtifactPath for a symbolic link whose target is absolute or, read from the link's folder,
        /// leaves <paramref name="root"/>: such a link is never created, so nothing can later be written through it.
        /// </summary>
        public static void AssertLinkInside(string root, string linkPath, string target, string storedName)
        {
            var problem = target.Length == 0 || ControlCharacters.Find(target, allowLineBreaks: false) >= 0 ? "its target is empty or holds a control character"
                : Path.IsPathRooted(target) || target.StartsWith('/') ? "its target is an absolute path"
                : !IsInside(root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(linkPath)!, target.Replace('/', Path.DirectorySeparatorChar))))
                    ? "its target leaves the destination" : null;
            if (problem != null)
                throw new GtoException(GtoErrors.UnsafeArtifactPath,
                    $"The symbolic link '{ControlCharacters.Printable(storedName)}' -> '{ControlCharacters.Printable(target)}' is refused: {problem}. " +
                    "Nothing was written; Gto only restores links that stay inside the destination.", storedName);
        }
    }
}
