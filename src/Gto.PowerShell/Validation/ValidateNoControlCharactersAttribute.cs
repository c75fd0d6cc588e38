using System;
using System.Management.Automation;
using Gto.Engine.Naming;

namespace Gto.PowerShell.Validation
{
    /// <summary>
    /// Refuses a string parameter (or any element of a string array) holding a control character: NUL, CR, LF, TAB,
    /// ESC and the rest. Names, versions, stages, refs, remotes and paths may hold none; free text
    /// (<see cref="AllowLineBreaks"/>: tag and commit messages, descriptions) may hold line breaks and tabs.
    /// </summary>
    /// <remarks>The engine refuses them too; this makes the error a parameter-binding one, naming the parameter.</remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateNoControlCharactersAttribute : ValidateArgumentsAttribute
    {
        /// <summary>Free text: CR, LF and TAB are allowed.</summary>
        public bool AllowLineBreaks { get; set; }

        /// <summary>
        /// Checks a string or each string of an array. Null passes: whether a parameter may be null is for
        /// ValidateNotNullOrEmpty to say, and a piped object's null property (an event without a version) means "not given".
        /// </summary>
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (arguments is string single) ValidateElement(single);
            else if (arguments is System.Collections.IEnumerable many)
                foreach (var element in many) ValidateElement(element);
        }

        private void ValidateElement(object? element)
        {
            if (!(element is string text)) return;
            int at = ControlCharacters.Find(text, AllowLineBreaks);
            if (at < 0) return;
            throw new ValidationMetadataException(
                $"The value '{ControlCharacters.Printable(text)}' contains {ControlCharacters.Describe(text, at)}. " +
                (AllowLineBreaks
                    ? "It may hold line breaks and tabs, but no other control characters."
                    : "Names, versions, stages, refs, remotes and paths may not hold control characters."));
        }
    }
}
