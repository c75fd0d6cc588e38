namespace Gto.PowerShell { internal static class Placeholder {} }
