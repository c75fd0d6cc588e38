using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Gto.Engine.Delivery;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>The formats Save-GtoArtifact reads (docs/delivery.md): Git LFS pointers, DVC files and config, stored names.</summary>
    public class DeliveryFormatTests
    {
        private const string Oid = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";

        [Fact]
        public void An_LFS_pointer_gives_its_oid_and_size()
        {
            var pointer = LfsPointer.TryParse(Encoding.UTF8.GetBytes($"version https://git-lfs.github.com/spec/v1\noid sha256:{Oid}\nsize 12345\n"));
            Assert.NotNull(pointer);
            Assert.Equal(Oid, pointer!.Oid);
            Assert.Equal(12345, pointer.Size);
        }

        [Theory]
        [InlineData("version https://git-lfs.github.com/spec/v1\noid sha256:" + Oid + "\n")] // no size
        [InlineData("version https://git-lfs.github.com/spec/v1\noid md5:abc\nsize 1\n")] // another hash
        [InlineData("version https://example.com/spec\noid sha256:" + Oid + "\nsize 1\n")] // not the spec
        [InlineData("hello world\n")]
        [InlineData("")]
        public void Ordinary_content_is_no_LFS_pointer(string text) => Assert.Null(LfsPointer.TryParse(Encoding.UTF8.GetBytes(text)));

        [Fact]
        public void A_blob_larger_than_a_pointer_is_content_even_if_it_starts_like_one()
        {
            var text = $"version https://git-lfs.github.com/spec/v1\noid sha256:{Oid}\nsize 1\n" + new string('x', 2000) + "\n";
            Assert.Null(LfsPointer.TryParse(Encoding.UTF8.GetBytes(text)));
        }

        [Fact]
        public void The_DVC_config_gives_the_default_remote_its_url_and_the_cache()
        {
            var config = DvcConfig.Parse("[core]\n    remote = storage\n['remote \"storage\"']\n    url = https://example.com/dvc\n" +
                "[remote \"other\"]\n    url = /mnt/dvc\n[cache]\n    dir = ../cache\n# comment\n");
            Assert.Equal("storage", config.DefaultRemote);
            Assert.Equal("https://example.com/dvc", config.RemoteUrl("storage"));
            Assert.Equal("/mnt/dvc", config.RemoteUrl("other"));
            Assert.Null(config.RemoteUrl("missing"));
            Assert.Equal("../cache", config.CacheDir);
            Assert.Null(DvcConfig.Parse(null).DefaultRemote);
        }

        [Theory]
        [InlineData("s3://bucket/path")]
        [InlineData("gs://bucket")]
        [InlineData("azure://container")]
        [InlineData("ssh://host/path")]
        [InlineData("relative/folder")] // without a work tree there is no .dvc folder to read it from
        public void Remotes_Gto_cannot_read_are_DvcRemoteNotSupported(string url)
        {
            var ex = Assert.Throws<GtoException>(() => DvcStore.ForUrl(url, null, "storage"));
            Assert.Equal("DvcRemoteNotSupported", ex.ErrorId);
            Assert.Contains("dvc pull", ex.Message);
        }

        [Theory]
        [InlineData("a/../b")]
        [InlineData("..")]
        [InlineData("/etc/passwd")]
        [InlineData("a//b")]
        [InlineData("./a")]
        [InlineData("a/.git/config")]
        [InlineData("a/.GIT")]
        [InlineData("a\nb")]
        [InlineData("")]
        public void Unsafe_stored_names_are_refused(string name) => Assert.NotNull(StoredNames.Problem(name));

        [Theory]
        [InlineData("model.pkl")]
        [InlineData("models/churn/v1/weights.bin")]
        [InlineData("a/.gitignore")]
        [InlineData("..hidden/x")]
        public void Ordinary_stored_names_are_accepted(string name) => Assert.Null(StoredNames.Problem(name));

        [Theory]
        [InlineData("../../etc/passwd")]
        [InlineData("/etc/passwd")]
        [InlineData("sub/../../..")]
        [InlineData("")]
        public void A_link_leaving_the_destination_is_refused(string target)
        {
            var root = Path.Combine(Path.GetTempPath(), "dest");
            var ex = Assert.Throws<GtoException>(() => StoredNames.AssertLinkInside(root, Path.Combine(root, "a", "link"), target, "a/link"));
            Assert.Equal("UnsafeArtifactPath", ex.ErrorId);
        }

        [Fact]
        public void A_link_inside_the_destination_is_accepted()
        {
            var root = Path.Combine(Path.GetTempPath(), "dest");
            StoredNames.AssertLinkInside(root, Path.Combine(root, "a", "b", "link"), "../c/file", "a/b/link");
        }

        [Fact]
        public void DVC_2_md5_reads_CRLF_as_LF_for_text_only()
        {
            var folder = Directory.CreateTempSubdirectory("gto-delivery-");
            try
            {
                var text = Path.Combine(folder.FullName, "t");
                File.WriteAllBytes(text, Encoding.UTF8.GetBytes("a\r\nb\r\n"));
                Assert.Equal(Md5("a\nb\n"), HashingCopy.Dos2UnixMd5(text));
                var binary = Path.Combine(folder.FullName, "b");
                File.WriteAllBytes(binary, new byte[] { 0, 13, 10 });
                Assert.Null(HashingCopy.Dos2UnixMd5(binary));
            }
            finally
            {
                folder.Delete(true);
            }
        }

        [Fact]
        public void DVC_outputs_are_found_in_dvc_files_and_in_dvc_lock_of_a_parent_folder()
        {
            using var repo = new TestRepository();
            var md5 = new string('a', 32);
            var commit = repo.Commit("dvc",
                ("model.pkl.dvc", $"outs:\n- md5: {md5}\n  size: 3\n  hash: md5\n  path: model.pkl\n"),
                ("stage/dvc.lock", $"schema: '2.0'\nstages:\n  train:\n    outs:\n    - path: ./out/data/\n      md5: {md5}.dir\n"));
            var git = new GitObjects(repo.Path, CancellationToken.None);
            var model = DvcOutput.Find(git, commit, "model.pkl")!;
            Assert.Equal((md5, false, 3L), (model.Md5, model.Legacy, model.Size!.Value));
            var data = DvcOutput.Find(git, commit, "stage/out/data")!;
            Assert.True(data.IsFolder);
            Assert.True(data.Legacy);
            Assert.Equal("stage/dvc.lock", data.RecordedIn);
            Assert.Null(DvcOutput.Find(git, commit, "stage/other"));
        }

        [Fact]
        public void A_damaged_dvc_file_is_InvalidDvcFile()
        {
            using var repo = new TestRepository();
            var commit = repo.Commit("dvc", ("m.dvc", "outs:\n- md5: not-an-md5\n  path: m\n"));
            var ex = Assert.Throws<GtoException>(() => DvcOutput.Find(new GitObjects(repo.Path, CancellationToken.None), commit, "m"));
            Assert.Equal("InvalidDvcFile", ex.ErrorId);
        }

        private static string Md5(string text) =>
            Convert.ToHexString(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
