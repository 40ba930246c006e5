import { api, call } from './http.js';

export const chatBindings = () => call(api['chat-links'].$get());
export const unlinkChatAccount = (id: string) =>
  call(api['chat-links'].accounts[':id'].$delete({ param: { id } }));
export const unbindChatGroup = (id: string) =>
  call(api['chat-links'].groups[':id'].$delete({ param: { id } }));

export type ChatBindings = Awaited<ReturnType<typeof chatBindings>>;
