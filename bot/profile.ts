import { TeamsInfo } from 'botbuilder';
import { z } from 'zod';
import type { ContactPrefill } from '../src/services/user.js';
import type { Turn } from './turn.js';

const Member = z.object({
  givenName: z.string().max(100).optional(),
  surname: z.string().max(100).optional(),
  email: z.string().max(254).optional(),
  name: z.string().max(200).optional(),
});

function splitName(name: string | undefined): ContactPrefill {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { firstName: words[0] };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) };
}

/**
 * The registration contact's defaults from the user's Teams profile: the roster's given name, surname
 * and email when Teams answers, else the display name the activity carries.
 */
export async function contactFromProfile(turn: Turn): Promise<ContactPrefill> {
  const fallback = splitName(turn.activity.from.name);
  let profile: unknown;
  try {
    profile = await TeamsInfo.getMember(turn.context, turn.activity.from.id);
  } catch (error) {
    // Outside Teams (Emulator, Playground) there is no roster: the display name is the best we have.
    turn.log.debug({ err: (error as Error).message }, 'no roster profile; using the display name');
    return fallback;
  }
  const member = Member.safeParse(profile);
  if (!member.success) return fallback;
  const { givenName, surname, email } = member.data;
  // Remembered so an integration may name this user as a referral's owner by email.
  if (email) await turn.services.directory.remember(turn.user.tenantId, email, turn.user.id);
  return { firstName: givenName ?? fallback.firstName, lastName: surname ?? fallback.lastName, email };
}
