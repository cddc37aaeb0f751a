// Moderation from a room's rows (spec/ui.md §4.5 item 12, §8.6): each action runs at once with its toast,
// except banning, which asks first with "Ban User" and "Ban and Delete All".
import { useState, type ReactNode } from 'react';
import type { CommunityModeration } from '../../../../ipc/contract';
import { useAppDispatch } from '../../../hooks/redux';
import { ModerationDialog } from './ModerationDialog';
import { useCommunityRoom } from './communityContext';
import { moderate } from './moderate';

export interface Moderation {
  /** Asks first (ban: "Ban User" / "Ban and Delete All"). */
  ask(kind: 'ban', user: string): void;
  run(action: CommunityModeration, user: string): Promise<boolean>;
  dialog: ReactNode;
}

/** Moderation of the open room (from the room's context) or of `roomId`. */
export function useModeration(roomId?: string): Moderation {
  const dispatch = useAppDispatch();
  const room = useCommunityRoom();
  const id = roomId ?? room?.conversationId ?? '';
  const [banning, setBanning] = useState<string | null>(null);
  return {
    ask: (_kind, user) => setBanning(user),
    run: (action, user) => moderate(dispatch, id, user, action),
    dialog: banning ? <ModerationDialog roomId={id} kind="ban" user={banning} onClose={() => setBanning(null)} /> : null,
  };
}
