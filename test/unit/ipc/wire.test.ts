import { parseCallResult, parseEventMessage, parseWsClientMessage, parseWsServerMessage } from '../../../ts/ipc/wire';

describe('wire framing', () => {
  it('parses client requests and subscriptions', () => {
    expect(parseWsClientMessage('{"id":1,"method":"app.getInfo","params":{}}')).toEqual({ ok: true, message: { id: 1, method: 'app.getInfo', params: {} } });
    expect(parseWsClientMessage('{"subscribe":["settings.changed"]}')).toEqual({ ok: true, message: { subscribe: ['settings.changed'] } });
  });

  it('describes malformed client frames', () => {
    expect(parseWsClientMessage('nope')).toEqual({ ok: false, id: null, problem: 'message is not valid JSON' });
    expect(parseWsClientMessage('[1]')).toMatchObject({ ok: false, problem: 'message is not a JSON object' });
    expect(parseWsClientMessage('{"id":"1","method":"x"}')).toMatchObject({ ok: false, id: null, problem: '"id" must be an integer' });
    expect(parseWsClientMessage('{"id":3}')).toEqual({ ok: false, id: 3, problem: '"method" must be a string' });
    expect(parseWsClientMessage('{"subscribe":["x"]}')).toMatchObject({ ok: false, problem: 'unknown event(s): "x"' });
  });

  it('parses server frames and drops foreign ones', () => {
    expect(parseWsServerMessage('{"id":1,"ok":true,"result":5}')).toEqual({ id: 1, ok: true, result: 5 });
    expect(parseWsServerMessage('{"id":null,"ok":false,"error":{"code":"x","message":"m"}}')).toMatchObject({ ok: false });
    expect(parseWsServerMessage('{"event":"settings.changed","payload":{}}')).toEqual({ event: 'settings.changed', payload: {} });
    expect(parseWsServerMessage('{"event":"other"}')).toBeUndefined();
    expect(parseWsServerMessage('{"id":1,"ok":"yes"}')).toBeUndefined();
    expect(parseEventMessage({ event: 'settings.changed', payload: 1 })).toEqual({ event: 'settings.changed', payload: 1 });
    expect(parseCallResult({ ok: false, error: { code: 'x', message: 'y' } })).toEqual({ ok: false, error: { code: 'x', message: 'y' } });
    expect(parseCallResult(null)).toBeUndefined();
  });
});
