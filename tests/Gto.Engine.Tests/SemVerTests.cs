using System.Linq;
using Gto.Engine.Naming;
using Xunit;

namespace Gto.Engine.Tests
{
    public class SemVerTests
    {
        [Theory]
        [InlineData("v0.1.2"), InlineData("v3.4.5-pre.2+build.4"), InlineData("v3.4.5-pre.2-build.4"), InlineData("v10.20.30")]
        public void Valid_versions(string v) => Assert.True(SemVer.IsValid(v));

        [Theory]
        [InlineData("1"), InlineData("v1"), InlineData("v1.2"), InlineData("0.1.2"), InlineData("3.4.5-pre.2+build.4"), InlineData("V1.0.0")]
        [InlineData("v01.0.0"), InlineData("v1.0.0-01"), InlineData("")]
        public void Invalid_versions(string v) => Assert.False(SemVer.IsValid(v));

        [Fact]
        public void Prerelease_ordering_follows_semver()
        {
            var ordered = new[] { "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0" };
            var shuffled = ordered.Reverse().Select(SemVer.Parse).OrderBy(v => v).Select(v => v.Text);
            Assert.Equal(ordered, shuffled);
        }

        [Fact]
        public void Build_metadata_is_ignored_in_ordering()
        {
            Assert.Equal(0, SemVer.Parse("v1.0.0+a").CompareTo(SemVer.Parse("v1.0.0+b")));
            Assert.True(SemVer.Parse("v1.10.0").CompareTo(SemVer.Parse("v1.9.0")) > 0);
        }

        [Theory]
        [InlineData("v1.2.3-rc.1+b7", BumpPart.Patch, "v1.2.4")]
        [InlineData("v1.3.4", BumpPart.Minor, "v1.4.0")]
        [InlineData("v1.3.4", BumpPart.Major, "v2.0.0")]
        [InlineData("v0.0.1", BumpPart.Patch, "v0.0.2")]
        public void Bumping_drops_prerelease_and_build(string from, BumpPart part, string expected) =>
            Assert.Equal(expected, SemVer.Parse(from).Bump(part).Text);
    }
}
