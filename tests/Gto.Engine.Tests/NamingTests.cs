using Gto.Engine;
using Gto.Engine.Naming;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>The name and tag grammar, as docs/tag-format.md states it (#names, #tag-forms), with GTO's own examples.</summary>
    public class NamingTests
    {
        [Theory]
        [InlineData("1"), InlineData("m"), InlineData("nn"), InlineData("m1"), InlineData("1nn"), InlineData("model-prod")]
        [InlineData("model-prod-v1"), InlineData("model_prod_v1"), InlineData("dvclive/model"), InlineData("model_A")]
        [InlineData("DVCLive/Model")]
        public void Valid_names_are_accepted(string name) => Assert.True(Names.IsValidName(name));

        [Theory]
        [InlineData(""), InlineData("m/"), InlineData("/m"), InlineData("###"), InlineData("@@@"), InlineData("a model")]
        [InlineData("_model"), InlineData("-model"), InlineData("model-"), InlineData("model@1"), InlineData("model#1")]
        [InlineData("@namespace/model"), InlineData("a.b")]
        public void Invalid_names_are_rejected(string name) => Assert.False(Names.IsValidName(name));

        [Theory]
        [InlineData("model"), InlineData("dvclive:model"), InlineData("some/folder:some/model"), InlineData("some/Other_Folder:some/model")]
        [InlineData("a.b/c:d")]
        public void Valid_full_names_are_accepted(string name) => Assert.True(Names.IsValidFullName(name));

        [Theory]
        [InlineData("a:b:c"), InlineData(":m"), InlineData("dir:"), InlineData("dir:m.x")]
        public void Invalid_full_names_are_rejected(string name) => Assert.False(Names.IsValidFullName(name));

        [Fact]
        public void Invalid_name_error_uses_gto_wording()
        {
            var ex = Assert.Throws<GtoException>(() => Names.AssertFullName("bad name"));
            Assert.Equal("InvalidName", ex.ErrorId);
            Assert.StartsWith("Invalid value 'bad name'. Only letters, numbers, '_', '-', '/' are allowed.", ex.Message);
        }

        [Theory]
        [InlineData("nn#prod"), InlineData("nn#prod!"), InlineData("nn#prod#1"), InlineData("nn@v1.0.0"), InlineData("nn#prod!#2")]
        [InlineData("nn@v1.0.0!"), InlineData("nn@v1.0.0#1"), InlineData("nn@v1.0.0!#1"), InlineData("nn@v1.0.0-rc.2")]
        [InlineData("nn@v1.0.0-alpha"), InlineData("nn@v1.0.0-alpha.1"), InlineData("nn@v1.0.0-alpha.beta")]
        [InlineData("new-artifact@v1.0.1!"), InlineData("m@v3.0.0-rc.1+build.5"), InlineData("rf#prod-5")]
        public void Accept_list_parses(string tag) => Assert.Equal(TagNames.Match.Tag, TagNames.TryParse(tag, out _));

        [Theory]
        [InlineData(""), InlineData("###"), InlineData("@@@"), InlineData("model@v1"), InlineData("nn#prod#-1"), InlineData("model@v111")]
        [InlineData("model-prod"), InlineData("model@0.0.1"), InlineData("model-prod-v1"), InlineData("model#prod#-1")]
        [InlineData("model#prod#1-2"), InlineData("model#prod?#1-2"), InlineData("model#prod@v1.2.3"), InlineData("model@v1.2.3#prod")]
        [InlineData("model-prod-v1-stage"), InlineData("model@prod@v1@stage-1"), InlineData("namespace/model@0.0.1")]
        [InlineData("@namespace/model@0.0.1"), InlineData("model#prod#v1#stage#1-"), InlineData("model#prod-v1-stage@1-2")]
        [InlineData("model#prod-v1-stage@1-2#@"), InlineData("M@V3.0.0"), InlineData("m@latest"), InlineData("m@v1.0")]
        [InlineData("a=b=c@v0.0.1")]
        public void Reject_list_does_not_parse(string tag) => Assert.Equal(TagNames.Match.None, TagNames.TryParse(tag, out _));

        [Theory]
        [InlineData("path@v1.2.3", "path", TagAction.Register, "v1.2.3", null, null)]
        [InlineData("path@v1.2.3#5", "path", TagAction.Register, "v1.2.3", null, 5)]
        [InlineData("path@v1.2.3!", "path", TagAction.Deregister, "v1.2.3", null, null)]
        [InlineData("path@v1.2.3!#2", "path", TagAction.Deregister, "v1.2.3", null, 2)]
        [InlineData("path#stage", "path", TagAction.Assign, null, "stage", null)]
        [InlineData("path#stage#1", "path", TagAction.Assign, null, "stage", 1)]
        [InlineData("path#stage!#2", "path", TagAction.Unassign, null, "stage", 2)]
        [InlineData("a@deprecated#3", "a", TagAction.Deprecate, null, null, 3)]
        [InlineData("dvclive/dsd=nn@v0.0.1", "dvclive/dsd:nn", TagAction.Register, "v0.0.1", null, null)]
        public void Parse_gives_gtos_fields(string tag, string artifact, TagAction action, string? version, string? stage, int? counter)
        {
            Assert.Equal(TagNames.Match.Tag, TagNames.TryParse(tag, out var p));
            Assert.Equal((artifact, action, version, stage, counter), (p.Artifact, p.ActionKind, p.Version, p.Stage, p.Counter));
        }

        [Fact]
        public void Created_form_is_recognised_but_has_no_action()
        {
            Assert.Equal(TagNames.Match.Created, TagNames.TryParse("x@created", out _));
            Assert.Equal("x", TagNames.ArtifactOf("x@created#4", out var counter));
            Assert.Equal(4, counter);
        }

        [Theory]
        [InlineData("rf", TagAction.Register, "v1.2.3", null, null, "rf@v1.2.3")]
        [InlineData("rf", TagAction.Register, "v1.2.3", null, 1, "rf@v1.2.3#1")]
        [InlineData("rf", TagAction.Deregister, "v1.2.3", null, null, "rf@v1.2.3!")]
        [InlineData("rf", TagAction.Assign, null, "prod", 7, "rf#prod#7")]
        [InlineData("rf", TagAction.Unassign, null, "prod", 8, "rf#prod!#8")]
        [InlineData("rf", TagAction.Deprecate, null, null, null, "rf@deprecated")]
        [InlineData("classification/dvclive:models/nn", TagAction.Register, "v0.0.1", null, null, "classification/dvclive=models/nn@v0.0.1")]
        public void Compose_writes_gtos_tag_names(string artifact, TagAction action, string? version, string? stage, int? counter, string expected)
        {
            var name = TagNames.Compose(artifact, action, version, stage, counter);
            Assert.Equal(expected, name);
            Assert.Equal(TagNames.Match.Tag, TagNames.TryParse(name, out var back));
            Assert.Equal(artifact, back.Artifact);
        }

        [Fact]
        public void Ref_prefix_is_stripped() => Assert.Equal("a@v1.0.0", TagNames.StripRefPrefix("refs/tags/a@v1.0.0"));
    }
}
