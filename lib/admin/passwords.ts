// Password limits and generation of the user administration, without zod: the admin forms render
// them with the page, while the schemas (./users) load when a form is first used.

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** A password an admin can hand over: 16 characters from an unambiguous alphabet (~93 bits). */
export function generatePassword(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const out: string[] = [];
  while (out.length < 16) {
    for (const byte of random(new Uint8Array(32))) {
      // Rejection sampling: 57 symbols; bytes ≥ 228 (4 × 57) would bias the first symbols.
      if (byte < 228 && out.length < 16) out.push(alphabet[byte % 57] ?? "");
    }
  }
  return out.join("");
}
