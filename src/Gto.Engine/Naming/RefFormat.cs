using System;
using System.Globalization;
using System.Text;

namespace Gto.Engine.Naming
{
    /// <summary>
    /// Whether git can store a tag: the rules of <c>git check-ref-format</c> for <c>refs/tags/NAME</c>, plus the
    /// limits of where refs live. GTO's grammar accepts names git refuses (<c>a//b</c>, <c>dir..x:m</c>,
    /// <c>a.lock/b:m</c>), and libgit2 rewrites or rejects them only while writing, so every new tag name is
    /// checked here before anything is written.
    /// </summary>
    internal static class RefFormat
    {
        /// <summary>
        /// The longest part between slashes, in UTF-8 bytes: a loose ref is a file, file names stop at 255 bytes
        /// on common file systems, and git writes <c>NAME.lock</c> first.
        /// </summary>
        public const int MaxPartBytes = 250;

        /// <summary>The longest tag name, in UTF-8 bytes: libgit2 refuses ref names of 1024 bytes and more.</summary>
        public const int MaxNameBytes = 1000;

        /// <summary>
        /// What makes <paramref name="name"/> unusable as a new tag (a sentence fragment such as "it contains '..'"),
        /// or null when git can store <c>refs/tags/NAME</c>.
        /// </summary>
        public static string? TagNameProblem(string name) => GitProblem(name) ?? GtoProblem(name);

        /// <summary>Throws InvalidTagName unless git can store the tag <paramref name="name"/>.</summary>
        public static void AssertTagName(string name)
        {
            var problem = TagNameProblem(name);
            if (problem != null)
                throw new GtoException(GtoErrors.InvalidTagName,
                    $"Git cannot store the tag '{ControlCharacters.Printable(name)}': {problem}. Choose an artifact name, stage or version " +
                    "that makes a valid git tag name (see 'git check-ref-format').", name);
        }

        /// <summary>
        /// True when the tag <paramref name="folder"/> would have to be a folder for the tag <paramref name="name"/>
        /// (<c>models</c> and <c>models/churn@v1.0.0</c>): git cannot hold both, as loose refs are files.
        /// </summary>
        public static bool IsFolderOf(string folder, string name) =>
            name.Length > folder.Length && name[folder.Length] == '/' && name.StartsWith(folder, StringComparison.Ordinal);

        /// <summary>git's own rules (<c>git check-ref-format refs/tags/NAME</c>); null when git accepts the name.</summary>
        internal static string? GitProblem(string name)
        {
            if (name.Length == 0) return "it is empty";
            char last = '\0';
            int partStart = 0;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c < 0x20 || c == 0x7f || c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' || c == '*' || c == '[' || c == '\\')
                    return $"it contains the character {Describe(c)}, which git does not allow in ref names";
                if (c == '.' && last == '.') return "it contains '..'";
                if (c == '{' && last == '@') return "it contains '@{'";
                if (c == '/')
                {
                    var part = PartProblem(name, partStart, i);
                    if (part != null) return part;
                    partStart = i + 1;
                }
                last = c;
            }
            return PartProblem(name, partStart, name.Length) ?? (last == '.' ? "it ends with '.'" : null);
        }

        /// <summary>The rules of one part between slashes, <c>name[start..end)</c>.</summary>
        private static string? PartProblem(string name, int start, int end)
        {
            if (end == start)
                return start == 0 ? "it starts with '/'" : end == name.Length ? "it ends with '/'" : "it contains '//'";
            if (name[start] == '.') return $"the part '{name.Substring(start, end - start)}' starts with '.'";
            const string lockSuffix = ".lock";
            if (end - start >= lockSuffix.Length && string.CompareOrdinal(name, end - lockSuffix.Length, lockSuffix, 0, lockSuffix.Length) == 0)
                return $"the part '{name.Substring(start, end - start)}' ends with '.lock'";
            return null;
        }

        /// <summary>Rules beyond git's: what cannot be written, encoded or safely passed to git on a command line.</summary>
        private static string? GtoProblem(string name)
        {
            // git resolves '@' alone as HEAD, and 'git tag' and 'git push' read a leading '-' as an option.
            if (name == "@") return "'@' alone means HEAD to git";
            if (name[0] == '-') return "it starts with '-', which git commands read as an option";
            for (int i = 0; i < name.Length; i++)
            {
                if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) i++;
                else if (char.IsSurrogate(name[i])) return "it holds a lone UTF-16 surrogate, which has no UTF-8 form";
            }
            var utf8 = new UTF8Encoding(false, true);
            if (utf8.GetByteCount(name) > MaxNameBytes) return $"it is longer than {MaxNameBytes} bytes";
            foreach (var part in name.Split('/'))
                if (utf8.GetByteCount(part) > MaxPartBytes)
                    return $"a part between slashes is longer than {MaxPartBytes} bytes (the file-name limit of the file system)";
            return null;
        }

        private static string Describe(char c) => c == ' ' ? "' ' (space)"
            : c < 0x20 || c == 0x7f ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " (a control character)"
            : $"'{c}'";
    }
}
