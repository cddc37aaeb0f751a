// The parts of a contact's profile header shared by Conversation Settings and User Details: the avatar box
// with its QR-code toggle badge and the "Account ID" pill.
import styled from 'styled-components';

export const AvatarBox = styled.div`
  position: relative;
`;

export const QrToggle = styled.span`
  position: absolute;
  inset-inline-end: -6px;
  bottom: -6px;
  border-radius: 50%;
  background: var(--modal-background-content-color);
  button:focus-visible {
    outline: 2px solid var(--primary-color);
  }
`;

export const Pill = styled.span`
  padding: 3px 12px;
  border: 1px solid var(--borders-color);
  border-radius: 12px;
  font-size: 12px;
  color: var(--text-secondary-color);
`;
