// Web page bootstrap: installs window.session over the WebSocket client end.
export {};
