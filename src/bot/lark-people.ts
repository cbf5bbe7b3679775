import type { Client } from '@larksuiteoapi/node-sdk';
import type { PersonRef } from '../config/org.ts';
import { personKey } from '../domain/roles.ts';
import type { Logger } from '../lib/logger.ts';
import type { FeishuIds, PeopleResolver, Profile, ProfileSource } from './directory.ts';

/**
 * Resolves emails and user_ids through the contact API (calls that do not count
 * against the free plan's monthly quota). open_ids need no call. Needs the scopes
 * `contact:contact.base:readonly` and `contact:user.email:readonly` (emails) or
 * `contact:user.employee_id:readonly` (user_ids), within the app's contact range.
 */
export class LarkPeopleResolver implements PeopleResolver {
  constructor(
    private readonly client: Client,
    private readonly log: Logger,
  ) {}

  async resolve(refs: readonly PersonRef[]): Promise<Map<string, FeishuIds>> {
    const out = new Map<string, FeishuIds>();
    for (const ref of refs) {
      if (ref.kind === 'open_id') out.set(personKey(ref), { v: 1, openId: ref.value, name: ref.name });
    }
    const emails = refs.filter((r) => r.kind === 'email');
    // A failed call leaves its people out (unresolved, retried by the next refresh);
    // it does not cost the others their resolution.
    for (let i = 0; i < emails.length; i += 50) {
      const batch = emails.slice(i, i + 50);
      let res: Awaited<ReturnType<Client['contact']['v3']['user']['batchGetId']>>;
      try {
        res = await this.client.contact.v3.user.batchGetId({
          params: { user_id_type: 'open_id' },
          data: { emails: batch.map((r) => r.value) },
        });
      } catch (err) {
        this.log.warn({ err: String(err), people: batch.length }, 'directory: contact batch_get_id failed');
        continue;
      }
      if (res.code !== 0) {
        this.log.warn({ code: res.code, msg: res.msg }, 'directory: contact batch_get_id failed');
        continue;
      }
      for (const row of res.data?.user_list ?? []) {
        const ref = batch.find((r) => r.value === row.email?.toLowerCase());
        if (ref && row.user_id) out.set(personKey(ref), { v: 1, openId: row.user_id, name: ref.name });
        else if (ref) this.log.warn({ person: ref.raw }, 'directory: no Feishu user with this email');
      }
    }
    for (const ref of refs.filter((r) => r.kind === 'user_id')) {
      let res: Awaited<ReturnType<Client['contact']['v3']['user']['get']>>;
      try {
        res = await this.client.contact.v3.user.get({
          path: { user_id: ref.value },
          params: { user_id_type: 'user_id' },
        });
      } catch (err) {
        this.log.warn({ person: ref.raw, err: String(err) }, 'directory: could not resolve user_id');
        continue;
      }
      const user = res.data?.user;
      if (res.code === 0 && user?.open_id) {
        out.set(personKey(ref), {
          v: 1,
          openId: user.open_id,
          userId: ref.value,
          unionId: user.union_id,
          name: ref.name ?? user.name,
        });
      } else {
        this.log.warn({ person: ref.raw, code: res.code }, 'directory: could not resolve user_id');
      }
    }
    return out;
  }
}

/**
 * Someone's name and first department through the contact API (`contact:user.base:readonly`,
 * `contact:user.department:readonly`, `contact:department.base:readonly`; outside the app's
 * contact range the fields come back empty). A failure is logged and describes nobody.
 */
export class LarkProfiles implements ProfileSource {
  constructor(
    private readonly client: Client,
    private readonly log: Logger,
  ) {}

  async profile(openId: string): Promise<Profile> {
    try {
      const res = await this.client.contact.v3.user.get({
        path: { user_id: openId },
        params: { user_id_type: 'open_id', department_id_type: 'open_department_id' },
      });
      const user = res.data?.user;
      if (res.code !== 0 || !user) {
        this.log.warn({ code: res.code, msg: res.msg }, 'directory: could not look up a person');
        return { v: 1 };
      }
      const department = await this.departmentName(user.department_ids?.[0]);
      return { v: 1, ...(user.name ? { name: user.name } : {}), ...(department ? { department } : {}) };
    } catch (err) {
      this.log.warn({ err: String(err) }, 'directory: could not look up a person');
      return { v: 1 };
    }
  }

  private async departmentName(id: string | undefined): Promise<string | undefined> {
    if (!id || id === '0') return undefined;
    const res = await this.client.contact.v3.department.get({
      path: { department_id: id },
      params: { department_id_type: 'open_department_id' },
    });
    return res.code === 0 ? res.data?.department?.name : undefined;
  }
}
