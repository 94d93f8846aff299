import type { MailChangeEvent, MailChangeListener, MessageView } from './mail-store.js';
import type { Mailbox } from './mailbox-model.js';

/** The listeners change notifications hang on the mailboxes; they survive a reset of the store. */
export class MailChangeEmitter {
  private listeners = new Set<MailChangeListener>();

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  onChange(listener: MailChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(mailbox: Mailbox, changeType: MailChangeEvent['changeType'], view: MessageView, at: number): void {
    if (this.listeners.size === 0) return;
    const event: MailChangeEvent = {
      changeType,
      userId: mailbox.user.id,
      tenantId: mailbox.user.tenantId,
      messageId: view.id,
      immutableId: view.immutableId,
      folderId: view.parentFolderId,
      changeKey: view.changeKey,
      at,
    };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[graph-emulator] mail change listener failed', error);
      }
    }
  }
}
