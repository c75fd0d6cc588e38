using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using Gto.Engine;

namespace Gto.PowerShell.Completion
{
    /// <summary>
    /// Base of the Gto completers: each only says which candidates the registry offers; finding the registry,
    /// matching, quoting and never throwing are done here, through <see cref="CompletionSupport"/>.
    /// </summary>
    public abstract class RegistryCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSupport.Guard(() => Run(wordToComplete, fakeBoundParameters));

        /// <summary>Sort the results ordinally (else they keep the order of <see cref="Candidates"/>).</summary>
        private protected virtual bool Sorted => false;

        /// <summary>The values to offer, given the registry, the typed word without quotes and the bound parameters.</summary>
        private protected abstract IEnumerable<Candidate> Candidates(Registry registry, string word, IDictionary fakeBoundParameters);

        // Not inlined, so the engine types it touches load inside Guard's try: a module whose engine failed to load
        // completes nothing instead of throwing into the user's Tab press.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private IEnumerable<CompletionResult> Run(string wordToComplete, IDictionary fakeBoundParameters) =>
            CompletionSupport.Complete(wordToComplete, fakeBoundParameters,
                (registry, word) => Candidates(registry, word, fakeBoundParameters), Sorted);
    }
}
