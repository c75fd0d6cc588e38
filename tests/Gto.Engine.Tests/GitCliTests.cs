using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Gto.Engine.Git;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// The git (and signature tool) processes Gto runs with an input: bytes pass unchanged both ways, a failure comes
    /// back as its exit code and standard error, and a cancelled command stops the process.
    /// </summary>
    public sealed class GitCliTests : IDisposable
    {
        // Bytes no text encoding would keep: a NUL, invalid UTF-8, a lone CR, and what looks like a UTF-8 BOM.
        private static readonly byte[] Binary = { 0xEF, 0xBB, 0xBF, 0x00, 0xFF, 0xFE, 0x0D, 0x80, (byte)'x', 0x0A };

        private readonly TestRepository _repo = new TestRepository();

        public void Dispose() => _repo.Dispose();

        // A blob written through standard input: its id.
        private string Store(byte[] content)
        {
            var (exit, output, error) = GitCli.RunBytes("git", _repo.Path, new[] { "hash-object", "-w", "--stdin" }, content);
            Assert.True(exit == 0, error);
            return Encoding.ASCII.GetString(output).Trim();
        }

        [Fact]
        public void Bytes_reach_git_and_come_back_exactly()
        {
            var id = Store(Binary);
            Assert.Equal(Binary, GitCli.RunBytes("git", _repo.Path, new[] { "cat-file", "blob", id }, null).Output);
            var streamed = new MemoryStream();
            var (exit, _) = GitCli.RunBinary(_repo.Path, new[] { "cat-file", "blob", id }, null, output => output.CopyTo(streamed));
            Assert.Equal(0, exit);
            Assert.Equal(Binary, streamed.ToArray());
        }

        [Fact]
        public void Text_input_reaches_git_as_UTF8_without_a_byte_order_mark()
        {
            var id = Store(Encoding.UTF8.GetBytes("é\n"));
            var streamed = new MemoryStream();
            GitCli.RunBinary(_repo.Path, new[] { "cat-file", "--batch" }, id + "\n", output => output.CopyTo(streamed));
            Assert.Equal($"{id} blob 3\né\n\n", Encoding.UTF8.GetString(streamed.ToArray()));
        }

        [Fact]
        public void Input_and_output_larger_than_a_pipe_do_not_block_each_other()
        {
            // cat-file --batch answers each line as it reads it: 100 KB of questions, 20 MB of answers. Written
            // before reading, the questions would fill one pipe while git waits on the other. A stalled run is stopped
            // by the guard's cancellation and fails; a working one ends long before.
            var id = Store(Enumerable.Repeat((byte)'a', 10_000).ToArray());
            var questions = string.Concat(Enumerable.Repeat(id + "\n", 2_000));
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var (exit, output, error) = GitCli.RunBytes("git", _repo.Path, new[] { "cat-file", "--batch" }, Encoding.ASCII.GetBytes(questions), guard.Token);
            Assert.True(exit == 0, error);
            Assert.Equal(2_000 * ($"{id} blob 10000\n".Length + 10_000 + 1), output.Length);
        }

        [Fact]
        public void A_failing_command_returns_its_exit_code_and_standard_error()
        {
            var (exit, output, error) = GitCli.RunBytes("git", _repo.Path, new[] { "cat-file", "blob", "no-such-object" }, Binary);
            Assert.NotEqual(0, exit);
            Assert.Empty(output);
            Assert.Contains("no-such-object", error);
            Assert.Equal(error.Trim(), error);
            var (binaryExit, binaryError) = GitCli.RunBinary(_repo.Path, new[] { "cat-file", "blob", "no-such-object" }, "x", output => output.CopyTo(Stream.Null));
            Assert.Equal(exit, binaryExit);
            Assert.Equal(error, binaryError);
        }

        [Fact]
        public void A_program_that_is_not_installed_is_exit_code_minus_one_naming_it()
        {
            var (exit, output, error) = GitCli.RunBytes("gto-no-such-program", _repo.Path, new[] { "x" }, Binary);
            Assert.Equal(-1, exit);
            Assert.Empty(output);
            Assert.StartsWith("gto-no-such-program could not be started (is it installed and on PATH?): ", error);
        }

        [Fact]
        public void Cancelling_while_git_writes_stops_git_and_throws()
        {
            var id = Store(Enumerable.Repeat((byte)'a', 10_000).ToArray());
            using var stop = new CancellationTokenSource();
            var read = 0L;
            var buffer = new byte[4096];
            // Far more output than is read before the cancellation: git is still writing when it is stopped.
            var questions = string.Concat(Enumerable.Repeat(id + "\n", 20_000));
            Assert.ThrowsAny<OperationCanceledException>(() => GitCli.RunBinary(_repo.Path, new[] { "cat-file", "--batch" }, questions, output =>
            {
                int n;
                while ((n = output.Read(buffer, 0, buffer.Length)) > 0)
                {
                    read += n;
                    if (read >= 100_000 && !stop.IsCancellationRequested) stop.Cancel();
                }
            }, stop.Token));
            // The output ended when git was killed, not after all 200 MB.
            Assert.InRange(read, 100_000, 20_000L * 10_000 / 2);
        }

        [Fact]
        public void A_reader_failing_on_output_cut_short_by_a_cancellation_is_a_cancellation()
        {
            var id = Store(Enumerable.Repeat((byte)'a', 10_000).ToArray());
            using var stop = new CancellationTokenSource();
            var questions = string.Concat(Enumerable.Repeat(id + "\n", 20_000));
            Assert.ThrowsAny<OperationCanceledException>(() => GitCli.RunBinary(_repo.Path, new[] { "cat-file", "--batch" }, questions, output =>
            {
                output.ReadByte();
                stop.Cancel();
                output.CopyTo(Stream.Null);
                throw new InvalidDataException("the output ended early");
            }, stop.Token));
        }

        [Fact]
        public void A_command_cancelled_before_it_starts_does_not_run()
        {
            var before = _repo.Git("count-objects");
            Assert.ThrowsAny<OperationCanceledException>(() =>
                GitCli.RunBytes("git", _repo.Path, new[] { "hash-object", "-w", "--stdin" }, Binary, new CancellationToken(true)));
            Assert.Equal(before, _repo.Git("count-objects"));
        }

        [Fact]
        public void A_failing_reader_stops_git_and_its_exception_reaches_the_caller()
        {
            var id = Store(Binary);
            var questions = string.Concat(Enumerable.Repeat(id + "\n", 50_000));
            var ex = Assert.Throws<InvalidDataException>(() => GitCli.RunBinary(_repo.Path, new[] { "cat-file", "--batch" }, questions,
                output => throw new InvalidDataException("the reader gave up")));
            Assert.Equal("the reader gave up", ex.Message);
        }
    }
}
