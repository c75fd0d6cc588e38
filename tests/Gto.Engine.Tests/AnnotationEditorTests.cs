using System.Collections.Generic;
using System.IO;
using Gto.Engine.Annotations;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>Editing artifacts.yaml as GTO's index manager does (docs/configuration.md#editing-annotations).</summary>
    public class AnnotationEditorTests
    {
        /// <summary>Sets an annotation as Set-GtoAnnotation does: with the repository's write lock held.</summary>
        internal static string Set(RepositoryContext context, string name, AnnotationUpdate update)
        {
            using var held = AnnotationEditor.Lock(context);
            return new AnnotationEditor(context, held).Set(name, update);
        }

        [Fact]
        public void Writes_only_non_default_fields_with_sorted_keys_and_keeps_other_entries()
        {
            using var repo = new TestRepository();
            repo.Commit("one", ("models/a.pkl", "x"), ("artifacts.yaml", "other:\n  type: dataset\n"));
            using var r = RepositoryContext.Open(repo.Path);
            using var held = AnnotationEditor.Lock(r);
            var editor = new AnnotationEditor(r, held);
            editor.Set("zeta", new AnnotationUpdate
            {
                Type = "model", Path = "models/a.pkl", MustExist = true, Labels = new[] { "b", "a" }, Description = "desc",
                Custom = new Dictionary<string, object> { ["k"] = new[] { 1, 2 }, ["a"] = "x" },
            });
            editor.Set("alpha", new AnnotationUpdate());
            Assert.Equal(
                "alpha: {}\nother:\n  type: dataset\nzeta:\n  custom:\n    a: x\n    k:\n    - 1\n    - 2\n  description: desc\n" +
                "  labels:\n  - b\n  - a\n  path: models/a.pkl\n  type: model\n  virtual: false\n",
                File.ReadAllText(Path.Combine(repo.Path, "artifacts.yaml")).Replace("\r\n", "\n"));
        }

        [Fact]
        public void Update_merges_labels_as_a_sorted_union()
        {
            using var repo = new TestRepository();
            repo.Commit("one", ("artifacts.yaml", "m:\n  labels: [z, a]\n"));
            using var r = RepositoryContext.Open(repo.Path);
            using var held = AnnotationEditor.Lock(r);
            var editor = new AnnotationEditor(r, held);
            editor.Set("m", new AnnotationUpdate { Labels = new[] { "b" } });
            Assert.Equal(new[] { "a", "b", "z" }, AnnotationEditor.ReadWorkTree(r, "m")!.Labels);
        }

        [Fact]
        public void Types_and_labels_are_validated_and_nothing_is_written_on_error()
        {
            using var repo = new TestRepository();
            repo.Commit("one", (".gto", "types: [model]\n"));
            using var r = RepositoryContext.Open(repo.Path);
            using var held = AnnotationEditor.Lock(r);
            var editor = new AnnotationEditor(r, held);
            var ex = Assert.Throws<GtoException>(() => editor.Set("m", new AnnotationUpdate { Type = "dataset" }));
            Assert.Equal("TypeNotAllowed", ex.ErrorId);
            Assert.StartsWith("The type 'dataset' is not allowed: 'types' in .gto ('", ex.Message);
            Assert.Contains("lists 'model'.", ex.Message);
            Assert.Equal("InvalidName", Assert.Throws<GtoException>(() =>
                editor.Set("m", new AnnotationUpdate { Labels = new[] { "bad label" } })).ErrorId);
            Assert.False(File.Exists(Path.Combine(repo.Path, "artifacts.yaml")));
        }

        [Fact]
        public void Must_exist_needs_a_path_present_at_head()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            using var r = RepositoryContext.Open(repo.Path);
            using var held = AnnotationEditor.Lock(r);
            var editor = new AnnotationEditor(r, held);
            Assert.Equal("PathNotFound", Assert.Throws<GtoException>(() =>
                editor.Set("m", new AnnotationUpdate { Path = "nope.pkl", MustExist = true })).ErrorId);
            Assert.Equal("PathRequired", Assert.Throws<GtoException>(() =>
                editor.Set("m", new AnnotationUpdate { MustExist = true })).ErrorId);
        }
    }
}
