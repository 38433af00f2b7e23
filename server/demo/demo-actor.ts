import { findUserByUsername } from "../../db/queries/user-queries";
import type { Actor } from "../../domain/auth/actor";
import { actorFromUser } from "../commands/auth/resolve-session";
import type { Deps } from "../deps";

/** The demo account `username` as an actor (the demo steps act through the commands as these people). */
export async function demoActor(deps: Deps, username: string): Promise<Actor | null> {
  const u = await findUserByUsername(deps.db, username);
  return u ? actorFromUser(u) : null;
}
