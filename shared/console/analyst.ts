/** The analyst a console request comes from, as the identity provider vouches for them. */
export interface Analyst {
  userId: string;
  email: string;
  /** A member of the admins group: may change any rule and see the ops views. */
  admin: boolean;
}

/** Addresses compare case-insensitively, as mail systems treat them in practice. */
export const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
