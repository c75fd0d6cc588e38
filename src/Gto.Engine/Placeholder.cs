namespace Gto.Engine { internal static class Placeholder {} }
