using System;

namespace Gto.Engine
{
    /// <summary>The ref a CI system is building, read from its environment variables.</summary>
    internal static class CiEnvironment
    {
        /// <summary>
        /// The pushed tag (or other ref) and the CI system it came from: GitHub Actions <c>GITHUB_REF</c>, GitLab
        /// <c>CI_COMMIT_TAG</c>, Azure Pipelines <c>BUILD_SOURCEBRANCH</c>. Null when none is set.
        /// </summary>
        public static (string Ref, string Variable)? PushedRef()
        {
            foreach (var variable in new[] { "GITHUB_REF", "CI_COMMIT_TAG", "BUILD_SOURCEBRANCH" })
            {
                var value = Environment.GetEnvironmentVariable(variable);
                if (!string.IsNullOrEmpty(value)) return (value!, variable);
            }
            return null;
        }

        /// <summary>True when a CI ref names a tag: <c>refs/tags/...</c>, or any value of GitLab's CI_COMMIT_TAG.</summary>
        public static bool IsTag((string Ref, string Variable) pushed) =>
            pushed.Variable == "CI_COMMIT_TAG" || pushed.Ref.StartsWith("refs/tags/", StringComparison.Ordinal);
    }
}
