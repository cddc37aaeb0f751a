// A test harness that plays a group's admin on a devnet, built only from the protocol layer's real admin
// primitives (ts/protocol/groups: rekey, Info/Members signing, auth data, kicked notice, GroupUpdate
// signatures) and the real network client. What the engine under test reads is what an admin would write.
import {
  GroupInfoConfig,
  GroupKeys,
  GroupMembersConfig,
  buildDeleteMemberContent,
  encode1o1Message,
  encodeContent,
  generateGroupKeys,
  inviteSignatureMessage,
  makeKickedNotice,
  memberChangeSignatureMessage,
  secureRandom,
  signGroupUpdate,
  unwrapGroupEnvelope,
  wrapGroupEnvelope,
  type ContentProps,
  type GroupAdminKeys,
  type Identity,
  type RpcSigner,
} from '../../../ts/protocol';
import type { SessionNetwork } from '../../../ts/network/SessionNetwork';

const TTL = 14 * 24 * 3600 * 1000;

export interface ReadGroupMessage {
  sender: string;
  timestampMs: number;
  content: NonNullable<ReturnType<typeof unwrapGroupEnvelope> & { ok: true }>['value']['content'];
}

export class TestGroupAdmin {
  readonly group: GroupAdminKeys;
  readonly keys: GroupKeys;
  readonly info: GroupInfoConfig;
  readonly members: GroupMembersConfig;
  private readonly signer: RpcSigner;
  private clock: number;

  constructor(
    private readonly network: SessionNetwork,
    readonly identity: Identity,
    name: string,
    now: number,
  ) {
    this.group = generateGroupKeys(secureRandom);
    this.keys = new GroupKeys({ identity, group: this.group, admin: this.group });
    this.info = new GroupInfoConfig({ identity, group: this.group, admin: this.group, keys: [] });
    this.members = new GroupMembersConfig({ identity, group: this.group, admin: this.group, keys: [] });
    this.info.markSwarmMerged();
    this.members.markSwarmMerged();
    this.info.setName(name);
    this.info.setCreated(Math.floor(now / 1000));
    this.setMember(identity.sessionId, 'Admin', true);
    this.signer = { pubkey: this.group.groupId, ed25519: { publicKey: this.group.ed25519PublicKey, secretKey: this.group.ed25519SecretKey } };
    this.clock = now;
  }

  get id(): string {
    return this.group.groupId;
  }

  /** A strictly increasing timestamp (ms) for what the admin sends. */
  private at(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }

  setMember(sessionId: string, name: string, admin = false): void {
    const base = { picture: null, admin, inviteStatus: 0, promotionStatus: 0, removedStatus: 0, supplement: false };
    this.members.setMember({ ...base, sessionId, name });
    if (admin) this.members.setPromotion(sessionId, 'accepted');
    else this.members.setInviteSent(sessionId);
  }

  /** A rekey for every current member, and Info/Members re-pushed under the new key, in one sequence. */
  async rekeyAndPush(): Promise<void> {
    const ids = this.members.members().map((m) => m.sessionId);
    const r = this.keys.rekey(ids);
    this.info.setKeys(this.keys.keysNewestFirst(), true);
    this.members.setKeys(this.keys.keysNewestFirst(), true);
    const stored = await this.network.storeConfig(
      this.signer,
      [{ namespace: 12, data: r.message, ttlMs: 30 * 24 * 3600 * 1000 }],
      [],
    );
    this.keys.loadKeyMessage(stored.hashes[0] as string, r.message, Date.now());
    await this.pushConfigs();
  }

  /** Pushes Info and Members (signed with the group key) when they changed. */
  async pushConfigs(): Promise<void> {
    for (const [ns, cfg] of [
      [13, this.info],
      [14, this.members],
    ] as const) {
      if (!cfg.needsPush) continue;
      const p = cfg.push(Date.now());
      const stored = await this.network.storeConfig(
        this.signer,
        p.messages.map((data) => ({ namespace: ns, data, ttlMs: 30 * 24 * 3600 * 1000 })),
        p.obsoleteHashes,
      );
      cfg.confirmPushed(p.seqno, stored.hashes);
    }
  }

  /** The 1:1 GroupUpdateInviteMessage for `member` (what the official invite job sends), with its auth data. */
  inviteContent(memberSessionId: string, timestampMs: number, tamper: { authData?: Uint8Array; signature?: Uint8Array } = {}): ContentProps {
    return {
      dataMessage: {
        groupUpdateMessage: {
          inviteMessage: {
            groupSessionId: this.id,
            name: this.info.name ?? '',
            memberAuthData: tamper.authData ?? this.keys.makeSubaccount(memberSessionId),
            adminSignature: tamper.signature ?? signGroupUpdate(this.group, inviteSignatureMessage(memberSessionId, timestampMs)),
          },
        },
      },
    };
  }

  /** Sends an invitation 1:1 (namespace 0 of the member's swarm). */
  async invite(memberSessionId: string, tamper: { authData?: Uint8Array; signature?: Uint8Array } = {}): Promise<number> {
    const t = this.at();
    const out = encode1o1Message({ sender: this.identity, recipient: memberSessionId, content: this.inviteContent(memberSessionId, t, tamper), timestampMs: t, random: secureRandom });
    await this.network.storeMessage(memberSessionId, 0, out.wrapper, TTL);
    return t;
  }

  /** Encrypts Content as a group message from `author` (default the admin) and stores it to namespace 11. */
  async send(content: ContentProps, author: Identity = this.identity, keys: GroupKeys = this.keys): Promise<number> {
    return this.sendAt(this.at(), content, author, keys);
  }

  /** The swarm hash of each message sent, by its timestamp. */
  readonly sentHashes = new Map<number, string>();

  private async sendAt(t: number, content: ContentProps, author: Identity = this.identity, keys: GroupKeys = this.keys): Promise<number> {
    const plain = wrapGroupEnvelope({ content: encodeContent({ ...content, sigTimestamp: t }), timestampMs: t });
    const data = author === this.identity ? keys.encryptMessage(plain, { random: secureRandom }) : new GroupKeys({ identity: author, group: this.group, dump: keys.dump() }).encryptMessage(plain, { random: secureRandom });
    const stored = await this.network.storeMessage(this.id, 11, data, TTL, undefined, this.signer);
    this.sentHashes.set(t, stored.hash);
    return t;
  }

  /**
   * A DeleteMemberContent (C.8) from `author`: admin-signed by default, unsigned (`signed: false`: the author's
   * own hashes only) or with a wrong signature (`badSignature`).
   */
  async deleteContent(memberSessionIds: string[], messageHashes: string[], o: { signed?: boolean; badSignature?: boolean; author?: Identity } = {}): Promise<number> {
    const t = this.at();
    const update = buildDeleteMemberContent({ admin: o.signed === false ? null : this.group, memberSessionIds, messageHashes, timestampMs: t });
    if (o.badSignature && update.deleteMemberContent) update.deleteMemberContent.adminSignature = new Uint8Array(64).fill(9);
    return this.sendAt(t, { dataMessage: { groupUpdateMessage: update } }, o.author);
  }

  async sendText(body: string, author?: Identity): Promise<number> {
    return this.send({ dataMessage: { body } }, author);
  }

  /** A signed MemberChange (ADDED 1 / REMOVED 2 / PROMOTED 3) control message. */
  async memberChange(type: 1 | 2 | 3, ids: string[]): Promise<number> {
    const t = this.at();
    const plain = wrapGroupEnvelope({
      content: encodeContent({
        dataMessage: { groupUpdateMessage: { memberChangeMessage: { type, memberSessionIds: ids, adminSignature: signGroupUpdate(this.group, memberChangeSignatureMessage(type, t)) } } },
        sigTimestamp: t,
      }),
      timestampMs: t,
    });
    await this.network.storeMessage(this.id, 11, this.keys.encryptMessage(plain, { random: secureRandom }), TTL, undefined, this.signer);
    return t;
  }

  /** Removes a member: the kicked notice (ns −11), then Members without them and a rekey (C.9). */
  async kick(sessionId: string): Promise<void> {
    const notice = makeKickedNotice({ admin: this.group, removedSessionIds: [sessionId], generation: this.keys.currentGeneration, random: secureRandom });
    await this.network.storeMessage(this.id, -11, notice, TTL, undefined, this.signer);
    this.members.erase(sessionId);
    await this.rekeyAndPush();
  }

  /** Every namespace-11 message, opened with the group's keys. */
  async read(): Promise<ReadGroupMessage[]> {
    const r = await this.network.retrieve(this.id, [11], () => undefined, { signer: this.signer });
    return (r.merged.get(11) ?? []).flatMap((m) => {
      const d = this.keys.decryptMessage(m.data);
      if (!d.ok) return [];
      const e = unwrapGroupEnvelope(d.value.plaintext);
      return e.ok ? [{ sender: d.value.senderSessionId, timestampMs: e.value.timestampMs, content: e.value.content }] : [];
    });
  }
}
