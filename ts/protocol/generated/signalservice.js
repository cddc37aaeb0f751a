/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
"use strict";

var $protobuf = require("protobufjs/minimal");

// Common aliases
var $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
var $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $Array = $util.global.Array;

// 64-bit values as numbers (see tools/build/protos.mjs)
var $toNumber = function (v) { return typeof v === "number" ? v : v.toNumber(); };

// Exported root namespace
var $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

$root.signalservice = (function() {

    /**
     * Namespace signalservice.
     * @exports signalservice
     * @namespace
     */
    var signalservice = {};

    signalservice.WebSocketRequestMessage = (function() {

        /**
         * Properties of a WebSocketRequestMessage.
         * @typedef {Object} signalservice.WebSocketRequestMessage.$Properties
         * @property {string|null} [verb] WebSocketRequestMessage verb
         * @property {string|null} [path] WebSocketRequestMessage path
         * @property {Uint8Array|null} [body] WebSocketRequestMessage body
         * @property {number|null} [requestId] WebSocketRequestMessage requestId
         * @property {Array.<string>|null} [headers] WebSocketRequestMessage headers
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a WebSocketRequestMessage.
         * @memberof signalservice
         * @interface IWebSocketRequestMessage
         * @augments signalservice.WebSocketRequestMessage.$Properties
         * @deprecated Use signalservice.WebSocketRequestMessage.$Properties instead.
         */

        /**
         * Shape of a WebSocketRequestMessage.
         * @typedef {signalservice.WebSocketRequestMessage.$Properties} signalservice.WebSocketRequestMessage.$Shape
         */

        /**
         * Constructs a new WebSocketRequestMessage.
         * @memberof signalservice
         * @classdesc Represents a WebSocketRequestMessage.
         * @constructor
         * @param {signalservice.WebSocketRequestMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var WebSocketRequestMessage = function (properties) {
            this.headers = [];
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * WebSocketRequestMessage verb.
         * @member {string} verb
         * @memberof signalservice.WebSocketRequestMessage
         * @instance
         */
        WebSocketRequestMessage.prototype.verb = "";

        /**
         * WebSocketRequestMessage path.
         * @member {string} path
         * @memberof signalservice.WebSocketRequestMessage
         * @instance
         */
        WebSocketRequestMessage.prototype.path = "";

        /**
         * WebSocketRequestMessage body.
         * @member {Uint8Array} body
         * @memberof signalservice.WebSocketRequestMessage
         * @instance
         */
        WebSocketRequestMessage.prototype.body = $util.newBuffer([]);

        /**
         * WebSocketRequestMessage requestId.
         * @member {number} requestId
         * @memberof signalservice.WebSocketRequestMessage
         * @instance
         */
        WebSocketRequestMessage.prototype.requestId = 0;

        /**
         * WebSocketRequestMessage headers.
         * @member {Array.<string>} headers
         * @memberof signalservice.WebSocketRequestMessage
         * @instance
         */
        WebSocketRequestMessage.prototype.headers = $util.emptyArray;

        /**
         * Creates a new WebSocketRequestMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.WebSocketRequestMessage
         * @static
         * @param {signalservice.WebSocketRequestMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.WebSocketRequestMessage} WebSocketRequestMessage instance
         * @type {{
         *   (properties: signalservice.WebSocketRequestMessage.$Shape): signalservice.WebSocketRequestMessage & signalservice.WebSocketRequestMessage.$Shape;
         *   (properties?: signalservice.WebSocketRequestMessage.$Properties): signalservice.WebSocketRequestMessage;
         * }}
         */
        WebSocketRequestMessage.create = function(properties) {
            return new WebSocketRequestMessage(properties);
        };

        /**
         * Encodes the specified WebSocketRequestMessage message. Does not implicitly {@link signalservice.WebSocketRequestMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.WebSocketRequestMessage
         * @static
         * @param {signalservice.WebSocketRequestMessage.$Properties} message WebSocketRequestMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        WebSocketRequestMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.verb != null && $Object.hasOwnProperty.call(message, "verb"))
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.verb);
            if (message.path != null && $Object.hasOwnProperty.call(message, "path"))
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.path);
            if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.body);
            if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.requestId);
            if (message.headers != null && message.headers.length)
                for (var i = 0; i < message.headers.length; ++i)
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.headers[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a WebSocketRequestMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.WebSocketRequestMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.WebSocketRequestMessage & signalservice.WebSocketRequestMessage.$Shape} WebSocketRequestMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        WebSocketRequestMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.WebSocketRequestMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.verb = reader.string();
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.path = reader.string();
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.body = reader.bytes();
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        message.requestId = $toNumber(reader.uint64());
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if (!(message.headers && message.headers.length))
                            message.headers = [];
                        message.headers.push(reader.string());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a WebSocketRequestMessage message.
         * @function verify
         * @memberof signalservice.WebSocketRequestMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        WebSocketRequestMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.verb != null && $Object.hasOwnProperty.call(message, "verb"))
                if (!$util.isString(message.verb))
                    return "verb: string expected";
            if (message.path != null && $Object.hasOwnProperty.call(message, "path"))
                if (!$util.isString(message.path))
                    return "path: string expected";
            if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                if (!(message.body && typeof message.body.length === "number" || $util.isString(message.body)))
                    return "body: buffer expected";
            if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                if (!$util.isInteger(message.requestId) && !(message.requestId && $util.isInteger(message.requestId.low) && $util.isInteger(message.requestId.high)))
                    return "requestId: integer|Long expected";
            if (message.headers != null && $Object.hasOwnProperty.call(message, "headers")) {
                if (!$Array.isArray(message.headers))
                    return "headers: array expected";
                for (var i = 0; i < message.headers.length; ++i)
                    if (!$util.isString(message.headers[i]))
                        return "headers: string[] expected";
            }
            return null;
        };

        /**
         * Gets the type url for WebSocketRequestMessage
         * @function getTypeUrl
         * @memberof signalservice.WebSocketRequestMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        WebSocketRequestMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.WebSocketRequestMessage";
        };

        return WebSocketRequestMessage;
    })();

    signalservice.WebSocketResponseMessage = (function() {

        /**
         * Properties of a WebSocketResponseMessage.
         * @typedef {Object} signalservice.WebSocketResponseMessage.$Properties
         * @property {number|null} [requestId] WebSocketResponseMessage requestId
         * @property {number|null} [status] WebSocketResponseMessage status
         * @property {string|null} [message] WebSocketResponseMessage message
         * @property {Uint8Array|null} [body] WebSocketResponseMessage body
         * @property {Array.<string>|null} [headers] WebSocketResponseMessage headers
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a WebSocketResponseMessage.
         * @memberof signalservice
         * @interface IWebSocketResponseMessage
         * @augments signalservice.WebSocketResponseMessage.$Properties
         * @deprecated Use signalservice.WebSocketResponseMessage.$Properties instead.
         */

        /**
         * Shape of a WebSocketResponseMessage.
         * @typedef {signalservice.WebSocketResponseMessage.$Properties} signalservice.WebSocketResponseMessage.$Shape
         */

        /**
         * Constructs a new WebSocketResponseMessage.
         * @memberof signalservice
         * @classdesc Represents a WebSocketResponseMessage.
         * @constructor
         * @param {signalservice.WebSocketResponseMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var WebSocketResponseMessage = function (properties) {
            this.headers = [];
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * WebSocketResponseMessage requestId.
         * @member {number} requestId
         * @memberof signalservice.WebSocketResponseMessage
         * @instance
         */
        WebSocketResponseMessage.prototype.requestId = 0;

        /**
         * WebSocketResponseMessage status.
         * @member {number} status
         * @memberof signalservice.WebSocketResponseMessage
         * @instance
         */
        WebSocketResponseMessage.prototype.status = 0;

        /**
         * WebSocketResponseMessage message.
         * @member {string} message
         * @memberof signalservice.WebSocketResponseMessage
         * @instance
         */
        WebSocketResponseMessage.prototype.message = "";

        /**
         * WebSocketResponseMessage body.
         * @member {Uint8Array} body
         * @memberof signalservice.WebSocketResponseMessage
         * @instance
         */
        WebSocketResponseMessage.prototype.body = $util.newBuffer([]);

        /**
         * WebSocketResponseMessage headers.
         * @member {Array.<string>} headers
         * @memberof signalservice.WebSocketResponseMessage
         * @instance
         */
        WebSocketResponseMessage.prototype.headers = $util.emptyArray;

        /**
         * Creates a new WebSocketResponseMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.WebSocketResponseMessage
         * @static
         * @param {signalservice.WebSocketResponseMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.WebSocketResponseMessage} WebSocketResponseMessage instance
         * @type {{
         *   (properties: signalservice.WebSocketResponseMessage.$Shape): signalservice.WebSocketResponseMessage & signalservice.WebSocketResponseMessage.$Shape;
         *   (properties?: signalservice.WebSocketResponseMessage.$Properties): signalservice.WebSocketResponseMessage;
         * }}
         */
        WebSocketResponseMessage.create = function(properties) {
            return new WebSocketResponseMessage(properties);
        };

        /**
         * Encodes the specified WebSocketResponseMessage message. Does not implicitly {@link signalservice.WebSocketResponseMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.WebSocketResponseMessage
         * @static
         * @param {signalservice.WebSocketResponseMessage.$Properties} message WebSocketResponseMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        WebSocketResponseMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.requestId);
            if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.status);
            if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
            if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.body);
            if (message.headers != null && message.headers.length)
                for (var i = 0; i < message.headers.length; ++i)
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.headers[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a WebSocketResponseMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.WebSocketResponseMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.WebSocketResponseMessage & signalservice.WebSocketResponseMessage.$Shape} WebSocketResponseMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        WebSocketResponseMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.WebSocketResponseMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        message.requestId = $toNumber(reader.uint64());
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        message.status = reader.uint32();
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.message = reader.string();
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.body = reader.bytes();
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if (!(message.headers && message.headers.length))
                            message.headers = [];
                        message.headers.push(reader.string());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a WebSocketResponseMessage message.
         * @function verify
         * @memberof signalservice.WebSocketResponseMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        WebSocketResponseMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                if (!$util.isInteger(message.requestId) && !(message.requestId && $util.isInteger(message.requestId.low) && $util.isInteger(message.requestId.high)))
                    return "requestId: integer|Long expected";
            if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                if (!$util.isInteger(message.status))
                    return "status: integer expected";
            if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                if (!$util.isString(message.message))
                    return "message: string expected";
            if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                if (!(message.body && typeof message.body.length === "number" || $util.isString(message.body)))
                    return "body: buffer expected";
            if (message.headers != null && $Object.hasOwnProperty.call(message, "headers")) {
                if (!$Array.isArray(message.headers))
                    return "headers: array expected";
                for (var i = 0; i < message.headers.length; ++i)
                    if (!$util.isString(message.headers[i]))
                        return "headers: string[] expected";
            }
            return null;
        };

        /**
         * Gets the type url for WebSocketResponseMessage
         * @function getTypeUrl
         * @memberof signalservice.WebSocketResponseMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        WebSocketResponseMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.WebSocketResponseMessage";
        };

        return WebSocketResponseMessage;
    })();

    signalservice.WebSocketMessage = (function() {

        /**
         * Properties of a WebSocketMessage.
         * @typedef {Object} signalservice.WebSocketMessage.$Properties
         * @property {signalservice.WebSocketMessage.Type|null} [type] WebSocketMessage type
         * @property {signalservice.WebSocketRequestMessage.$Properties|null} [request] WebSocketMessage request
         * @property {signalservice.WebSocketResponseMessage.$Properties|null} [response] WebSocketMessage response
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a WebSocketMessage.
         * @memberof signalservice
         * @interface IWebSocketMessage
         * @augments signalservice.WebSocketMessage.$Properties
         * @deprecated Use signalservice.WebSocketMessage.$Properties instead.
         */

        /**
         * Shape of a WebSocketMessage.
         * @typedef {signalservice.WebSocketMessage.$Properties} signalservice.WebSocketMessage.$Shape
         */

        /**
         * Constructs a new WebSocketMessage.
         * @memberof signalservice
         * @classdesc Represents a WebSocketMessage.
         * @constructor
         * @param {signalservice.WebSocketMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var WebSocketMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * WebSocketMessage type.
         * @member {signalservice.WebSocketMessage.Type} type
         * @memberof signalservice.WebSocketMessage
         * @instance
         */
        WebSocketMessage.prototype.type = 0;

        /**
         * WebSocketMessage request.
         * @member {signalservice.WebSocketRequestMessage.$Properties|null|undefined} request
         * @memberof signalservice.WebSocketMessage
         * @instance
         */
        WebSocketMessage.prototype.request = null;

        /**
         * WebSocketMessage response.
         * @member {signalservice.WebSocketResponseMessage.$Properties|null|undefined} response
         * @memberof signalservice.WebSocketMessage
         * @instance
         */
        WebSocketMessage.prototype.response = null;

        /**
         * Creates a new WebSocketMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.WebSocketMessage
         * @static
         * @param {signalservice.WebSocketMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.WebSocketMessage} WebSocketMessage instance
         * @type {{
         *   (properties: signalservice.WebSocketMessage.$Shape): signalservice.WebSocketMessage & signalservice.WebSocketMessage.$Shape;
         *   (properties?: signalservice.WebSocketMessage.$Properties): signalservice.WebSocketMessage;
         * }}
         */
        WebSocketMessage.create = function(properties) {
            return new WebSocketMessage(properties);
        };

        /**
         * Encodes the specified WebSocketMessage message. Does not implicitly {@link signalservice.WebSocketMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.WebSocketMessage
         * @static
         * @param {signalservice.WebSocketMessage.$Properties} message WebSocketMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        WebSocketMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
            if (message.request != null && $Object.hasOwnProperty.call(message, "request"))
                $root.signalservice.WebSocketRequestMessage.encode(message.request, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.response != null && $Object.hasOwnProperty.call(message, "response"))
                $root.signalservice.WebSocketResponseMessage.encode(message.response, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a WebSocketMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.WebSocketMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.WebSocketMessage & signalservice.WebSocketMessage.$Shape} WebSocketMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        WebSocketMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.WebSocketMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.WebSocketMessage.Type[value] !== $undefined)
                            message.type = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.request = $root.signalservice.WebSocketRequestMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.request);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.response = $root.signalservice.WebSocketResponseMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.response);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a WebSocketMessage message.
         * @function verify
         * @memberof signalservice.WebSocketMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        WebSocketMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                switch (message.type) {
                default:
                    return "type: enum value expected";
                case 0:
                case 1:
                case 2:
                    break;
                }
            if (message.request != null && $Object.hasOwnProperty.call(message, "request")) {
                var error = $root.signalservice.WebSocketRequestMessage.verify(message.request, _depth + 1);
                if (error)
                    return "request." + error;
            }
            if (message.response != null && $Object.hasOwnProperty.call(message, "response")) {
                var error = $root.signalservice.WebSocketResponseMessage.verify(message.response, _depth + 1);
                if (error)
                    return "response." + error;
            }
            return null;
        };

        /**
         * Gets the type url for WebSocketMessage
         * @function getTypeUrl
         * @memberof signalservice.WebSocketMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        WebSocketMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.WebSocketMessage";
        };

        /**
         * Type enum.
         * @name signalservice.WebSocketMessage.Type
         * @enum {number}
         * @property {number} UNKNOWN=0 UNKNOWN value
         * @property {number} REQUEST=1 REQUEST value
         * @property {number} RESPONSE=2 RESPONSE value
         */
        WebSocketMessage.Type = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "UNKNOWN"] = 0;
            values[valuesById[1] = "REQUEST"] = 1;
            values[valuesById[2] = "RESPONSE"] = 2;
            return values;
        })();

        return WebSocketMessage;
    })();

    signalservice.Envelope = (function() {

        /**
         * Properties of an Envelope.
         * @typedef {Object} signalservice.Envelope.$Properties
         * @property {signalservice.Envelope.Type} type Envelope type
         * @property {string|null} [source] Envelope source
         * @property {number} timestamp Envelope timestamp
         * @property {number|null} [sourceDevice] Envelope sourceDevice
         * @property {Uint8Array|null} [content] Envelope content
         * @property {number|null} [serverTimestamp] Envelope serverTimestamp
         * @property {Uint8Array|null} [proSig] Envelope proSig
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Envelope.
         * @memberof signalservice
         * @interface IEnvelope
         * @augments signalservice.Envelope.$Properties
         * @deprecated Use signalservice.Envelope.$Properties instead.
         */

        /**
         * Shape of an Envelope.
         * @typedef {signalservice.Envelope.$Properties} signalservice.Envelope.$Shape
         */

        /**
         * Constructs a new Envelope.
         * @memberof signalservice
         * @classdesc Represents an Envelope.
         * @constructor
         * @param {signalservice.Envelope.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var Envelope = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Envelope type.
         * @member {signalservice.Envelope.Type} type
         * @memberof signalservice.Envelope
         * @instance
         */
        Envelope.prototype.type = 6;

        /**
         * Envelope source.
         * @member {string} source
         * @memberof signalservice.Envelope
         * @instance
         */
        Envelope.prototype.source = "";

        /**
         * Envelope timestamp.
         * @member {number} timestamp
         * @memberof signalservice.Envelope
         * @instance
         */
        Envelope.prototype.timestamp = 0;

        /**
         * Envelope sourceDevice.
         * @member {number} sourceDevice
         * @memberof signalservice.Envelope
         * @instance
         */
        Envelope.prototype.sourceDevice = 0;

        /**
         * Envelope content.
         * @member {Uint8Array} content
         * @memberof signalservice.Envelope
         * @instance
         */
        Envelope.prototype.content = $util.newBuffer([]);

        /**
         * Envelope serverTimestamp.
         * @member {number} serverTimestamp
         * @memberof signalservice.Envelope
         * @instance
         */
        Envelope.prototype.serverTimestamp = 0;

        /**
         * Envelope proSig.
         * @member {Uint8Array} proSig
         * @memberof signalservice.Envelope
         * @instance
         */
        Envelope.prototype.proSig = $util.newBuffer([]);

        /**
         * Creates a new Envelope instance using the specified properties.
         * @function create
         * @memberof signalservice.Envelope
         * @static
         * @param {signalservice.Envelope.$Properties=} [properties] Properties to set
         * @returns {signalservice.Envelope} Envelope instance
         * @type {{
         *   (properties: signalservice.Envelope.$Shape): signalservice.Envelope & signalservice.Envelope.$Shape;
         *   (properties?: signalservice.Envelope.$Properties): signalservice.Envelope;
         * }}
         */
        Envelope.create = function(properties) {
            return new Envelope(properties);
        };

        /**
         * Encodes the specified Envelope message. Does not implicitly {@link signalservice.Envelope.verify|verify} messages.
         * @function encode
         * @memberof signalservice.Envelope
         * @static
         * @param {signalservice.Envelope.$Properties} message Envelope message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Envelope.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
            if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.source);
            writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.timestamp);
            if (message.sourceDevice != null && $Object.hasOwnProperty.call(message, "sourceDevice"))
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.sourceDevice);
            if (message.content != null && $Object.hasOwnProperty.call(message, "content"))
                writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.content);
            if (message.serverTimestamp != null && $Object.hasOwnProperty.call(message, "serverTimestamp"))
                writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.serverTimestamp);
            if (message.proSig != null && $Object.hasOwnProperty.call(message, "proSig"))
                writer.uint32(/* id 11, wireType 2 =*/90).bytes(message.proSig);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Envelope message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.Envelope
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.Envelope & signalservice.Envelope.$Shape} Envelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Envelope.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.Envelope();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.Envelope.Type[value] !== $undefined)
                            message.type = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.source = reader.string();
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        message.timestamp = $toNumber(reader.uint64());
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        message.sourceDevice = reader.uint32();
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        message.content = reader.bytes();
                        continue;
                    }
                case 10: {
                        if (wireType !== 0)
                            break;
                        message.serverTimestamp = $toNumber(reader.uint64());
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        message.proSig = reader.bytes();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "type"))
                throw $util.ProtocolError("missing required 'type'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "timestamp"))
                throw $util.ProtocolError("missing required 'timestamp'", { instance: message });
            return message;
        };

        /**
         * Verifies an Envelope message.
         * @function verify
         * @memberof signalservice.Envelope
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        Envelope.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            switch (message.type) {
            default:
                return "type: enum value expected";
            case 6:
            case 7:
                break;
            }
            if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                if (!$util.isString(message.source))
                    return "source: string expected";
            if (!$util.isInteger(message.timestamp) && !(message.timestamp && $util.isInteger(message.timestamp.low) && $util.isInteger(message.timestamp.high)))
                return "timestamp: integer|Long expected";
            if (message.sourceDevice != null && $Object.hasOwnProperty.call(message, "sourceDevice"))
                if (!$util.isInteger(message.sourceDevice))
                    return "sourceDevice: integer expected";
            if (message.content != null && $Object.hasOwnProperty.call(message, "content"))
                if (!(message.content && typeof message.content.length === "number" || $util.isString(message.content)))
                    return "content: buffer expected";
            if (message.serverTimestamp != null && $Object.hasOwnProperty.call(message, "serverTimestamp"))
                if (!$util.isInteger(message.serverTimestamp) && !(message.serverTimestamp && $util.isInteger(message.serverTimestamp.low) && $util.isInteger(message.serverTimestamp.high)))
                    return "serverTimestamp: integer|Long expected";
            if (message.proSig != null && $Object.hasOwnProperty.call(message, "proSig"))
                if (!(message.proSig && typeof message.proSig.length === "number" || $util.isString(message.proSig)))
                    return "proSig: buffer expected";
            return null;
        };

        /**
         * Gets the type url for Envelope
         * @function getTypeUrl
         * @memberof signalservice.Envelope
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Envelope.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.Envelope";
        };

        /**
         * Type enum.
         * @name signalservice.Envelope.Type
         * @enum {number}
         * @property {number} SESSION_MESSAGE=6 SESSION_MESSAGE value
         * @property {number} CLOSED_GROUP_MESSAGE=7 CLOSED_GROUP_MESSAGE value
         */
        Envelope.Type = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[6] = "SESSION_MESSAGE"] = 6;
            values[valuesById[7] = "CLOSED_GROUP_MESSAGE"] = 7;
            return values;
        })();

        return Envelope;
    })();

    signalservice.Content = (function() {

        /**
         * Properties of a Content.
         * @typedef {Object} signalservice.Content.$Properties
         * @property {signalservice.DataMessage.$Properties|null} [dataMessage] Content dataMessage
         * @property {signalservice.CallMessage.$Properties|null} [callMessage] Content callMessage
         * @property {signalservice.ReceiptMessage.$Properties|null} [receiptMessage] Content receiptMessage
         * @property {signalservice.TypingMessage.$Properties|null} [typingMessage] Content typingMessage
         * @property {signalservice.DataExtractionNotification.$Properties|null} [dataExtractionNotification] Content dataExtractionNotification
         * @property {signalservice.UnsendRequest.$Properties|null} [unsendRequest] Content unsendRequest
         * @property {signalservice.MessageRequestResponse.$Properties|null} [messageRequestResponse] Content messageRequestResponse
         * @property {signalservice.SharedConfigMessage.$Properties|null} [sharedConfigMessage] Content sharedConfigMessage
         * @property {signalservice.Content.ExpirationType|null} [expirationType] Content expirationType
         * @property {number|null} [expirationTimer] Content expirationTimer
         * @property {number|null} [sigTimestamp] Content sigTimestamp
         * @property {signalservice.ProMessage.$Properties|null} [proMessage] Content proMessage
         * @property {Uint8Array|null} [proSigForCommunityMessageOnly] Content proSigForCommunityMessageOnly
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Content.
         * @memberof signalservice
         * @interface IContent
         * @augments signalservice.Content.$Properties
         * @deprecated Use signalservice.Content.$Properties instead.
         */

        /**
         * Shape of a Content.
         * @typedef {signalservice.Content.$Properties} signalservice.Content.$Shape
         */

        /**
         * Constructs a new Content.
         * @memberof signalservice
         * @classdesc Represents a Content.
         * @constructor
         * @param {signalservice.Content.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var Content = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Content dataMessage.
         * @member {signalservice.DataMessage.$Properties|null|undefined} dataMessage
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.dataMessage = null;

        /**
         * Content callMessage.
         * @member {signalservice.CallMessage.$Properties|null|undefined} callMessage
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.callMessage = null;

        /**
         * Content receiptMessage.
         * @member {signalservice.ReceiptMessage.$Properties|null|undefined} receiptMessage
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.receiptMessage = null;

        /**
         * Content typingMessage.
         * @member {signalservice.TypingMessage.$Properties|null|undefined} typingMessage
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.typingMessage = null;

        /**
         * Content dataExtractionNotification.
         * @member {signalservice.DataExtractionNotification.$Properties|null|undefined} dataExtractionNotification
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.dataExtractionNotification = null;

        /**
         * Content unsendRequest.
         * @member {signalservice.UnsendRequest.$Properties|null|undefined} unsendRequest
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.unsendRequest = null;

        /**
         * Content messageRequestResponse.
         * @member {signalservice.MessageRequestResponse.$Properties|null|undefined} messageRequestResponse
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.messageRequestResponse = null;

        /**
         * Content sharedConfigMessage.
         * @member {signalservice.SharedConfigMessage.$Properties|null|undefined} sharedConfigMessage
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.sharedConfigMessage = null;

        /**
         * Content expirationType.
         * @member {signalservice.Content.ExpirationType} expirationType
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.expirationType = 0;

        /**
         * Content expirationTimer.
         * @member {number} expirationTimer
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.expirationTimer = 0;

        /**
         * Content sigTimestamp.
         * @member {number} sigTimestamp
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.sigTimestamp = 0;

        /**
         * Content proMessage.
         * @member {signalservice.ProMessage.$Properties|null|undefined} proMessage
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.proMessage = null;

        /**
         * Content proSigForCommunityMessageOnly.
         * @member {Uint8Array} proSigForCommunityMessageOnly
         * @memberof signalservice.Content
         * @instance
         */
        Content.prototype.proSigForCommunityMessageOnly = $util.newBuffer([]);

        /**
         * Creates a new Content instance using the specified properties.
         * @function create
         * @memberof signalservice.Content
         * @static
         * @param {signalservice.Content.$Properties=} [properties] Properties to set
         * @returns {signalservice.Content} Content instance
         * @type {{
         *   (properties: signalservice.Content.$Shape): signalservice.Content & signalservice.Content.$Shape;
         *   (properties?: signalservice.Content.$Properties): signalservice.Content;
         * }}
         */
        Content.create = function(properties) {
            return new Content(properties);
        };

        /**
         * Encodes the specified Content message. Does not implicitly {@link signalservice.Content.verify|verify} messages.
         * @function encode
         * @memberof signalservice.Content
         * @static
         * @param {signalservice.Content.$Properties} message Content message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Content.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.dataMessage != null && $Object.hasOwnProperty.call(message, "dataMessage"))
                $root.signalservice.DataMessage.encode(message.dataMessage, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.callMessage != null && $Object.hasOwnProperty.call(message, "callMessage"))
                $root.signalservice.CallMessage.encode(message.callMessage, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.receiptMessage != null && $Object.hasOwnProperty.call(message, "receiptMessage"))
                $root.signalservice.ReceiptMessage.encode(message.receiptMessage, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
            if (message.typingMessage != null && $Object.hasOwnProperty.call(message, "typingMessage"))
                $root.signalservice.TypingMessage.encode(message.typingMessage, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
            if (message.dataExtractionNotification != null && $Object.hasOwnProperty.call(message, "dataExtractionNotification"))
                $root.signalservice.DataExtractionNotification.encode(message.dataExtractionNotification, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
            if (message.unsendRequest != null && $Object.hasOwnProperty.call(message, "unsendRequest"))
                $root.signalservice.UnsendRequest.encode(message.unsendRequest, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
            if (message.messageRequestResponse != null && $Object.hasOwnProperty.call(message, "messageRequestResponse"))
                $root.signalservice.MessageRequestResponse.encode(message.messageRequestResponse, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
            if (message.sharedConfigMessage != null && $Object.hasOwnProperty.call(message, "sharedConfigMessage"))
                $root.signalservice.SharedConfigMessage.encode(message.sharedConfigMessage, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
            if (message.expirationType != null && $Object.hasOwnProperty.call(message, "expirationType"))
                writer.uint32(/* id 12, wireType 0 =*/96).int32(message.expirationType);
            if (message.expirationTimer != null && $Object.hasOwnProperty.call(message, "expirationTimer"))
                writer.uint32(/* id 13, wireType 0 =*/104).uint32(message.expirationTimer);
            if (message.sigTimestamp != null && $Object.hasOwnProperty.call(message, "sigTimestamp"))
                writer.uint32(/* id 15, wireType 0 =*/120).uint64(message.sigTimestamp);
            if (message.proMessage != null && $Object.hasOwnProperty.call(message, "proMessage"))
                $root.signalservice.ProMessage.encode(message.proMessage, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
            if (message.proSigForCommunityMessageOnly != null && $Object.hasOwnProperty.call(message, "proSigForCommunityMessageOnly"))
                writer.uint32(/* id 17, wireType 2 =*/138).bytes(message.proSigForCommunityMessageOnly);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Content message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.Content
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.Content & signalservice.Content.$Shape} Content
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Content.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.Content();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.dataMessage = $root.signalservice.DataMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.dataMessage);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.callMessage = $root.signalservice.CallMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.callMessage);
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        message.receiptMessage = $root.signalservice.ReceiptMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.receiptMessage);
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        message.typingMessage = $root.signalservice.TypingMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.typingMessage);
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        message.dataExtractionNotification = $root.signalservice.DataExtractionNotification.decode(reader, reader.size(), $undefined, _depth + 1, message.dataExtractionNotification);
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        message.unsendRequest = $root.signalservice.UnsendRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.unsendRequest);
                        continue;
                    }
                case 10: {
                        if (wireType !== 2)
                            break;
                        message.messageRequestResponse = $root.signalservice.MessageRequestResponse.decode(reader, reader.size(), $undefined, _depth + 1, message.messageRequestResponse);
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        message.sharedConfigMessage = $root.signalservice.SharedConfigMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.sharedConfigMessage);
                        continue;
                    }
                case 12: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.Content.ExpirationType[value] !== $undefined)
                            message.expirationType = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 13: {
                        if (wireType !== 0)
                            break;
                        message.expirationTimer = reader.uint32();
                        continue;
                    }
                case 15: {
                        if (wireType !== 0)
                            break;
                        message.sigTimestamp = $toNumber(reader.uint64());
                        continue;
                    }
                case 16: {
                        if (wireType !== 2)
                            break;
                        message.proMessage = $root.signalservice.ProMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.proMessage);
                        continue;
                    }
                case 17: {
                        if (wireType !== 2)
                            break;
                        message.proSigForCommunityMessageOnly = reader.bytes();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a Content message.
         * @function verify
         * @memberof signalservice.Content
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        Content.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.dataMessage != null && $Object.hasOwnProperty.call(message, "dataMessage")) {
                var error = $root.signalservice.DataMessage.verify(message.dataMessage, _depth + 1);
                if (error)
                    return "dataMessage." + error;
            }
            if (message.callMessage != null && $Object.hasOwnProperty.call(message, "callMessage")) {
                var error = $root.signalservice.CallMessage.verify(message.callMessage, _depth + 1);
                if (error)
                    return "callMessage." + error;
            }
            if (message.receiptMessage != null && $Object.hasOwnProperty.call(message, "receiptMessage")) {
                var error = $root.signalservice.ReceiptMessage.verify(message.receiptMessage, _depth + 1);
                if (error)
                    return "receiptMessage." + error;
            }
            if (message.typingMessage != null && $Object.hasOwnProperty.call(message, "typingMessage")) {
                var error = $root.signalservice.TypingMessage.verify(message.typingMessage, _depth + 1);
                if (error)
                    return "typingMessage." + error;
            }
            if (message.dataExtractionNotification != null && $Object.hasOwnProperty.call(message, "dataExtractionNotification")) {
                var error = $root.signalservice.DataExtractionNotification.verify(message.dataExtractionNotification, _depth + 1);
                if (error)
                    return "dataExtractionNotification." + error;
            }
            if (message.unsendRequest != null && $Object.hasOwnProperty.call(message, "unsendRequest")) {
                var error = $root.signalservice.UnsendRequest.verify(message.unsendRequest, _depth + 1);
                if (error)
                    return "unsendRequest." + error;
            }
            if (message.messageRequestResponse != null && $Object.hasOwnProperty.call(message, "messageRequestResponse")) {
                var error = $root.signalservice.MessageRequestResponse.verify(message.messageRequestResponse, _depth + 1);
                if (error)
                    return "messageRequestResponse." + error;
            }
            if (message.sharedConfigMessage != null && $Object.hasOwnProperty.call(message, "sharedConfigMessage")) {
                var error = $root.signalservice.SharedConfigMessage.verify(message.sharedConfigMessage, _depth + 1);
                if (error)
                    return "sharedConfigMessage." + error;
            }
            if (message.expirationType != null && $Object.hasOwnProperty.call(message, "expirationType"))
                switch (message.expirationType) {
                default:
                    return "expirationType: enum value expected";
                case 0:
                case 1:
                case 2:
                    break;
                }
            if (message.expirationTimer != null && $Object.hasOwnProperty.call(message, "expirationTimer"))
                if (!$util.isInteger(message.expirationTimer))
                    return "expirationTimer: integer expected";
            if (message.sigTimestamp != null && $Object.hasOwnProperty.call(message, "sigTimestamp"))
                if (!$util.isInteger(message.sigTimestamp) && !(message.sigTimestamp && $util.isInteger(message.sigTimestamp.low) && $util.isInteger(message.sigTimestamp.high)))
                    return "sigTimestamp: integer|Long expected";
            if (message.proMessage != null && $Object.hasOwnProperty.call(message, "proMessage")) {
                var error = $root.signalservice.ProMessage.verify(message.proMessage, _depth + 1);
                if (error)
                    return "proMessage." + error;
            }
            if (message.proSigForCommunityMessageOnly != null && $Object.hasOwnProperty.call(message, "proSigForCommunityMessageOnly"))
                if (!(message.proSigForCommunityMessageOnly && typeof message.proSigForCommunityMessageOnly.length === "number" || $util.isString(message.proSigForCommunityMessageOnly)))
                    return "proSigForCommunityMessageOnly: buffer expected";
            return null;
        };

        /**
         * Gets the type url for Content
         * @function getTypeUrl
         * @memberof signalservice.Content
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Content.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.Content";
        };

        /**
         * ExpirationType enum.
         * @name signalservice.Content.ExpirationType
         * @enum {number}
         * @property {number} UNKNOWN=0 UNKNOWN value
         * @property {number} DELETE_AFTER_READ=1 DELETE_AFTER_READ value
         * @property {number} DELETE_AFTER_SEND=2 DELETE_AFTER_SEND value
         */
        Content.ExpirationType = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "UNKNOWN"] = 0;
            values[valuesById[1] = "DELETE_AFTER_READ"] = 1;
            values[valuesById[2] = "DELETE_AFTER_SEND"] = 2;
            return values;
        })();

        return Content;
    })();

    signalservice.DataMessage = (function() {

        /**
         * Properties of a DataMessage.
         * @typedef {Object} signalservice.DataMessage.$Properties
         * @property {string|null} [body] DataMessage body
         * @property {Array.<signalservice.AttachmentPointer.$Properties>|null} [attachments] DataMessage attachments
         * @property {number|null} [flags] DataMessage flags
         * @property {Uint8Array|null} [profileKey] DataMessage profileKey
         * @property {number|null} [timestamp] DataMessage timestamp
         * @property {signalservice.DataMessage.Quote.$Properties|null} [quote] DataMessage quote
         * @property {Array.<signalservice.DataMessage.Preview.$Properties>|null} [preview] DataMessage preview
         * @property {signalservice.DataMessage.Reaction.$Properties|null} [reaction] DataMessage reaction
         * @property {signalservice.LokiProfile.$Properties|null} [profile] DataMessage profile
         * @property {signalservice.DataMessage.CommunityInvitation.$Properties|null} [communityInvitation] DataMessage communityInvitation
         * @property {string|null} [syncTarget] DataMessage syncTarget
         * @property {boolean|null} [blocksCommunityMessageRequests] DataMessage blocksCommunityMessageRequests
         * @property {signalservice.GroupUpdateMessage.$Properties|null} [groupUpdateMessage] DataMessage groupUpdateMessage
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DataMessage.
         * @memberof signalservice
         * @interface IDataMessage
         * @augments signalservice.DataMessage.$Properties
         * @deprecated Use signalservice.DataMessage.$Properties instead.
         */

        /**
         * Shape of a DataMessage.
         * @typedef {signalservice.DataMessage.$Properties} signalservice.DataMessage.$Shape
         */

        /**
         * Constructs a new DataMessage.
         * @memberof signalservice
         * @classdesc Represents a DataMessage.
         * @constructor
         * @param {signalservice.DataMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var DataMessage = function (properties) {
            this.attachments = [];
            this.preview = [];
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * DataMessage body.
         * @member {string} body
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.body = "";

        /**
         * DataMessage attachments.
         * @member {Array.<signalservice.AttachmentPointer.$Properties>} attachments
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.attachments = $util.emptyArray;

        /**
         * DataMessage flags.
         * @member {number} flags
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.flags = 0;

        /**
         * DataMessage profileKey.
         * @member {Uint8Array} profileKey
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.profileKey = $util.newBuffer([]);

        /**
         * DataMessage timestamp.
         * @member {number} timestamp
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.timestamp = 0;

        /**
         * DataMessage quote.
         * @member {signalservice.DataMessage.Quote.$Properties|null|undefined} quote
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.quote = null;

        /**
         * DataMessage preview.
         * @member {Array.<signalservice.DataMessage.Preview.$Properties>} preview
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.preview = $util.emptyArray;

        /**
         * DataMessage reaction.
         * @member {signalservice.DataMessage.Reaction.$Properties|null|undefined} reaction
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.reaction = null;

        /**
         * DataMessage profile.
         * @member {signalservice.LokiProfile.$Properties|null|undefined} profile
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.profile = null;

        /**
         * DataMessage communityInvitation.
         * @member {signalservice.DataMessage.CommunityInvitation.$Properties|null|undefined} communityInvitation
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.communityInvitation = null;

        /**
         * DataMessage syncTarget.
         * @member {string} syncTarget
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.syncTarget = "";

        /**
         * DataMessage blocksCommunityMessageRequests.
         * @member {boolean} blocksCommunityMessageRequests
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.blocksCommunityMessageRequests = false;

        /**
         * DataMessage groupUpdateMessage.
         * @member {signalservice.GroupUpdateMessage.$Properties|null|undefined} groupUpdateMessage
         * @memberof signalservice.DataMessage
         * @instance
         */
        DataMessage.prototype.groupUpdateMessage = null;

        /**
         * Creates a new DataMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.DataMessage
         * @static
         * @param {signalservice.DataMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.DataMessage} DataMessage instance
         * @type {{
         *   (properties: signalservice.DataMessage.$Shape): signalservice.DataMessage & signalservice.DataMessage.$Shape;
         *   (properties?: signalservice.DataMessage.$Properties): signalservice.DataMessage;
         * }}
         */
        DataMessage.create = function(properties) {
            return new DataMessage(properties);
        };

        /**
         * Encodes the specified DataMessage message. Does not implicitly {@link signalservice.DataMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.DataMessage
         * @static
         * @param {signalservice.DataMessage.$Properties} message DataMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DataMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.body);
            if (message.attachments != null && message.attachments.length)
                for (var i = 0; i < message.attachments.length; ++i)
                    $root.signalservice.AttachmentPointer.encode(message.attachments[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.flags != null && $Object.hasOwnProperty.call(message, "flags"))
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.flags);
            if (message.profileKey != null && $Object.hasOwnProperty.call(message, "profileKey"))
                writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.profileKey);
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp"))
                writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.timestamp);
            if (message.quote != null && $Object.hasOwnProperty.call(message, "quote"))
                $root.signalservice.DataMessage.Quote.encode(message.quote, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
            if (message.preview != null && message.preview.length)
                for (var i = 0; i < message.preview.length; ++i)
                    $root.signalservice.DataMessage.Preview.encode(message.preview[i], writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
            if (message.reaction != null && $Object.hasOwnProperty.call(message, "reaction"))
                $root.signalservice.DataMessage.Reaction.encode(message.reaction, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
            if (message.profile != null && $Object.hasOwnProperty.call(message, "profile"))
                $root.signalservice.LokiProfile.encode(message.profile, writer.uint32(/* id 101, wireType 2 =*/810).fork(), _depth + 1).ldelim();
            if (message.communityInvitation != null && $Object.hasOwnProperty.call(message, "communityInvitation"))
                $root.signalservice.DataMessage.CommunityInvitation.encode(message.communityInvitation, writer.uint32(/* id 102, wireType 2 =*/818).fork(), _depth + 1).ldelim();
            if (message.syncTarget != null && $Object.hasOwnProperty.call(message, "syncTarget"))
                writer.uint32(/* id 105, wireType 2 =*/842).string(message.syncTarget);
            if (message.blocksCommunityMessageRequests != null && $Object.hasOwnProperty.call(message, "blocksCommunityMessageRequests"))
                writer.uint32(/* id 106, wireType 0 =*/848).bool(message.blocksCommunityMessageRequests);
            if (message.groupUpdateMessage != null && $Object.hasOwnProperty.call(message, "groupUpdateMessage"))
                $root.signalservice.GroupUpdateMessage.encode(message.groupUpdateMessage, writer.uint32(/* id 120, wireType 2 =*/962).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a DataMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.DataMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.DataMessage & signalservice.DataMessage.$Shape} DataMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DataMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.DataMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.body = reader.string();
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.attachments && message.attachments.length))
                            message.attachments = [];
                        message.attachments.push($root.signalservice.AttachmentPointer.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        message.flags = reader.uint32();
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        message.profileKey = reader.bytes();
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        message.timestamp = $toNumber(reader.uint64());
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        message.quote = $root.signalservice.DataMessage.Quote.decode(reader, reader.size(), $undefined, _depth + 1, message.quote);
                        continue;
                    }
                case 10: {
                        if (wireType !== 2)
                            break;
                        if (!(message.preview && message.preview.length))
                            message.preview = [];
                        message.preview.push($root.signalservice.DataMessage.Preview.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        message.reaction = $root.signalservice.DataMessage.Reaction.decode(reader, reader.size(), $undefined, _depth + 1, message.reaction);
                        continue;
                    }
                case 101: {
                        if (wireType !== 2)
                            break;
                        message.profile = $root.signalservice.LokiProfile.decode(reader, reader.size(), $undefined, _depth + 1, message.profile);
                        continue;
                    }
                case 102: {
                        if (wireType !== 2)
                            break;
                        message.communityInvitation = $root.signalservice.DataMessage.CommunityInvitation.decode(reader, reader.size(), $undefined, _depth + 1, message.communityInvitation);
                        continue;
                    }
                case 105: {
                        if (wireType !== 2)
                            break;
                        message.syncTarget = reader.string();
                        continue;
                    }
                case 106: {
                        if (wireType !== 0)
                            break;
                        message.blocksCommunityMessageRequests = reader.bool();
                        continue;
                    }
                case 120: {
                        if (wireType !== 2)
                            break;
                        message.groupUpdateMessage = $root.signalservice.GroupUpdateMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.groupUpdateMessage);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a DataMessage message.
         * @function verify
         * @memberof signalservice.DataMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        DataMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                if (!$util.isString(message.body))
                    return "body: string expected";
            if (message.attachments != null && $Object.hasOwnProperty.call(message, "attachments")) {
                if (!$Array.isArray(message.attachments))
                    return "attachments: array expected";
                for (var i = 0; i < message.attachments.length; ++i) {
                    var error = $root.signalservice.AttachmentPointer.verify(message.attachments[i], _depth + 1);
                    if (error)
                        return "attachments." + error;
                }
            }
            if (message.flags != null && $Object.hasOwnProperty.call(message, "flags"))
                if (!$util.isInteger(message.flags))
                    return "flags: integer expected";
            if (message.profileKey != null && $Object.hasOwnProperty.call(message, "profileKey"))
                if (!(message.profileKey && typeof message.profileKey.length === "number" || $util.isString(message.profileKey)))
                    return "profileKey: buffer expected";
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp"))
                if (!$util.isInteger(message.timestamp) && !(message.timestamp && $util.isInteger(message.timestamp.low) && $util.isInteger(message.timestamp.high)))
                    return "timestamp: integer|Long expected";
            if (message.quote != null && $Object.hasOwnProperty.call(message, "quote")) {
                var error = $root.signalservice.DataMessage.Quote.verify(message.quote, _depth + 1);
                if (error)
                    return "quote." + error;
            }
            if (message.preview != null && $Object.hasOwnProperty.call(message, "preview")) {
                if (!$Array.isArray(message.preview))
                    return "preview: array expected";
                for (var i = 0; i < message.preview.length; ++i) {
                    var error = $root.signalservice.DataMessage.Preview.verify(message.preview[i], _depth + 1);
                    if (error)
                        return "preview." + error;
                }
            }
            if (message.reaction != null && $Object.hasOwnProperty.call(message, "reaction")) {
                var error = $root.signalservice.DataMessage.Reaction.verify(message.reaction, _depth + 1);
                if (error)
                    return "reaction." + error;
            }
            if (message.profile != null && $Object.hasOwnProperty.call(message, "profile")) {
                var error = $root.signalservice.LokiProfile.verify(message.profile, _depth + 1);
                if (error)
                    return "profile." + error;
            }
            if (message.communityInvitation != null && $Object.hasOwnProperty.call(message, "communityInvitation")) {
                var error = $root.signalservice.DataMessage.CommunityInvitation.verify(message.communityInvitation, _depth + 1);
                if (error)
                    return "communityInvitation." + error;
            }
            if (message.syncTarget != null && $Object.hasOwnProperty.call(message, "syncTarget"))
                if (!$util.isString(message.syncTarget))
                    return "syncTarget: string expected";
            if (message.blocksCommunityMessageRequests != null && $Object.hasOwnProperty.call(message, "blocksCommunityMessageRequests"))
                if (typeof message.blocksCommunityMessageRequests !== "boolean")
                    return "blocksCommunityMessageRequests: boolean expected";
            if (message.groupUpdateMessage != null && $Object.hasOwnProperty.call(message, "groupUpdateMessage")) {
                var error = $root.signalservice.GroupUpdateMessage.verify(message.groupUpdateMessage, _depth + 1);
                if (error)
                    return "groupUpdateMessage." + error;
            }
            return null;
        };

        /**
         * Gets the type url for DataMessage
         * @function getTypeUrl
         * @memberof signalservice.DataMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        DataMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.DataMessage";
        };

        /**
         * Flags enum.
         * @name signalservice.DataMessage.Flags
         * @enum {number}
         * @property {number} EXPIRATION_TIMER_UPDATE=2 EXPIRATION_TIMER_UPDATE value
         */
        DataMessage.Flags = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[2] = "EXPIRATION_TIMER_UPDATE"] = 2;
            return values;
        })();

        DataMessage.Quote = (function() {

            /**
             * Properties of a Quote.
             * @typedef {Object} signalservice.DataMessage.Quote.$Properties
             * @property {number} id Quote id
             * @property {string} author Quote author
             * @property {string|null} [text] Quote text
             * @property {Array.<signalservice.DataMessage.Quote.QuotedAttachment.$Properties>|null} [attachments] Quote attachments
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Quote.
             * @memberof signalservice.DataMessage
             * @interface IQuote
             * @augments signalservice.DataMessage.Quote.$Properties
             * @deprecated Use signalservice.DataMessage.Quote.$Properties instead.
             */

            /**
             * Shape of a Quote.
             * @typedef {signalservice.DataMessage.Quote.$Properties} signalservice.DataMessage.Quote.$Shape
             */

            /**
             * Constructs a new Quote.
             * @memberof signalservice.DataMessage
             * @classdesc Represents a Quote.
             * @constructor
             * @param {signalservice.DataMessage.Quote.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Quote = function (properties) {
                this.attachments = [];
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Quote id.
             * @member {number} id
             * @memberof signalservice.DataMessage.Quote
             * @instance
             */
            Quote.prototype.id = 0;

            /**
             * Quote author.
             * @member {string} author
             * @memberof signalservice.DataMessage.Quote
             * @instance
             */
            Quote.prototype.author = "";

            /**
             * Quote text.
             * @member {string} text
             * @memberof signalservice.DataMessage.Quote
             * @instance
             */
            Quote.prototype.text = "";

            /**
             * Quote attachments.
             * @member {Array.<signalservice.DataMessage.Quote.QuotedAttachment.$Properties>} attachments
             * @memberof signalservice.DataMessage.Quote
             * @instance
             */
            Quote.prototype.attachments = $util.emptyArray;

            /**
             * Creates a new Quote instance using the specified properties.
             * @function create
             * @memberof signalservice.DataMessage.Quote
             * @static
             * @param {signalservice.DataMessage.Quote.$Properties=} [properties] Properties to set
             * @returns {signalservice.DataMessage.Quote} Quote instance
             * @type {{
             *   (properties: signalservice.DataMessage.Quote.$Shape): signalservice.DataMessage.Quote & signalservice.DataMessage.Quote.$Shape;
             *   (properties?: signalservice.DataMessage.Quote.$Properties): signalservice.DataMessage.Quote;
             * }}
             */
            Quote.create = function(properties) {
                return new Quote(properties);
            };

            /**
             * Encodes the specified Quote message. Does not implicitly {@link signalservice.DataMessage.Quote.verify|verify} messages.
             * @function encode
             * @memberof signalservice.DataMessage.Quote
             * @static
             * @param {signalservice.DataMessage.Quote.$Properties} message Quote message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Quote.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.id);
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.author);
                if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.text);
                if (message.attachments != null && message.attachments.length)
                    for (var i = 0; i < message.attachments.length; ++i)
                        $root.signalservice.DataMessage.Quote.QuotedAttachment.encode(message.attachments[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Quote message from the specified reader or buffer.
             * @function decode
             * @memberof signalservice.DataMessage.Quote
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {signalservice.DataMessage.Quote & signalservice.DataMessage.Quote.$Shape} Quote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Quote.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.signalservice.DataMessage.Quote();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            message.id = $toNumber(reader.uint64());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.author = reader.string();
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.text = reader.string();
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.attachments && message.attachments.length))
                                message.attachments = [];
                            message.attachments.push($root.signalservice.DataMessage.Quote.QuotedAttachment.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                if (!$Object.hasOwnProperty.call(message, "id"))
                    throw $util.ProtocolError("missing required 'id'", { instance: message });
                if (!$Object.hasOwnProperty.call(message, "author"))
                    throw $util.ProtocolError("missing required 'author'", { instance: message });
                return message;
            };

            /**
             * Verifies a Quote message.
             * @function verify
             * @memberof signalservice.DataMessage.Quote
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Quote.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (!$util.isInteger(message.id) && !(message.id && $util.isInteger(message.id.low) && $util.isInteger(message.id.high)))
                    return "id: integer|Long expected";
                if (!$util.isString(message.author))
                    return "author: string expected";
                if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                    if (!$util.isString(message.text))
                        return "text: string expected";
                if (message.attachments != null && $Object.hasOwnProperty.call(message, "attachments")) {
                    if (!$Array.isArray(message.attachments))
                        return "attachments: array expected";
                    for (var i = 0; i < message.attachments.length; ++i) {
                        var error = $root.signalservice.DataMessage.Quote.QuotedAttachment.verify(message.attachments[i], _depth + 1);
                        if (error)
                            return "attachments." + error;
                    }
                }
                return null;
            };

            /**
             * Gets the type url for Quote
             * @function getTypeUrl
             * @memberof signalservice.DataMessage.Quote
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Quote.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/signalservice.DataMessage.Quote";
            };

            Quote.QuotedAttachment = (function() {

                /**
                 * Properties of a QuotedAttachment.
                 * @typedef {Object} signalservice.DataMessage.Quote.QuotedAttachment.$Properties
                 * @property {string|null} [contentType] QuotedAttachment contentType
                 * @property {string|null} [fileName] QuotedAttachment fileName
                 * @property {signalservice.AttachmentPointer.$Properties|null} [thumbnail] QuotedAttachment thumbnail
                 * @property {number|null} [flags] QuotedAttachment flags
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a QuotedAttachment.
                 * @memberof signalservice.DataMessage.Quote
                 * @interface IQuotedAttachment
                 * @augments signalservice.DataMessage.Quote.QuotedAttachment.$Properties
                 * @deprecated Use signalservice.DataMessage.Quote.QuotedAttachment.$Properties instead.
                 */

                /**
                 * Shape of a QuotedAttachment.
                 * @typedef {signalservice.DataMessage.Quote.QuotedAttachment.$Properties} signalservice.DataMessage.Quote.QuotedAttachment.$Shape
                 */

                /**
                 * Constructs a new QuotedAttachment.
                 * @memberof signalservice.DataMessage.Quote
                 * @classdesc Represents a QuotedAttachment.
                 * @constructor
                 * @param {signalservice.DataMessage.Quote.QuotedAttachment.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                var QuotedAttachment = function (properties) {
                    if (properties)
                        for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * QuotedAttachment contentType.
                 * @member {string} contentType
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @instance
                 */
                QuotedAttachment.prototype.contentType = "";

                /**
                 * QuotedAttachment fileName.
                 * @member {string} fileName
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @instance
                 */
                QuotedAttachment.prototype.fileName = "";

                /**
                 * QuotedAttachment thumbnail.
                 * @member {signalservice.AttachmentPointer.$Properties|null|undefined} thumbnail
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @instance
                 */
                QuotedAttachment.prototype.thumbnail = null;

                /**
                 * QuotedAttachment flags.
                 * @member {number} flags
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @instance
                 */
                QuotedAttachment.prototype.flags = 0;

                /**
                 * Creates a new QuotedAttachment instance using the specified properties.
                 * @function create
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @static
                 * @param {signalservice.DataMessage.Quote.QuotedAttachment.$Properties=} [properties] Properties to set
                 * @returns {signalservice.DataMessage.Quote.QuotedAttachment} QuotedAttachment instance
                 * @type {{
                 *   (properties: signalservice.DataMessage.Quote.QuotedAttachment.$Shape): signalservice.DataMessage.Quote.QuotedAttachment & signalservice.DataMessage.Quote.QuotedAttachment.$Shape;
                 *   (properties?: signalservice.DataMessage.Quote.QuotedAttachment.$Properties): signalservice.DataMessage.Quote.QuotedAttachment;
                 * }}
                 */
                QuotedAttachment.create = function(properties) {
                    return new QuotedAttachment(properties);
                };

                /**
                 * Encodes the specified QuotedAttachment message. Does not implicitly {@link signalservice.DataMessage.Quote.QuotedAttachment.verify|verify} messages.
                 * @function encode
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @static
                 * @param {signalservice.DataMessage.Quote.QuotedAttachment.$Properties} message QuotedAttachment message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                QuotedAttachment.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.contentType != null && $Object.hasOwnProperty.call(message, "contentType"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.contentType);
                    if (message.fileName != null && $Object.hasOwnProperty.call(message, "fileName"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.fileName);
                    if (message.thumbnail != null && $Object.hasOwnProperty.call(message, "thumbnail"))
                        $root.signalservice.AttachmentPointer.encode(message.thumbnail, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.flags != null && $Object.hasOwnProperty.call(message, "flags"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.flags);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (var i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a QuotedAttachment message from the specified reader or buffer.
                 * @function decode
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {signalservice.DataMessage.Quote.QuotedAttachment & signalservice.DataMessage.Quote.QuotedAttachment.$Shape} QuotedAttachment
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                QuotedAttachment.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    var end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.signalservice.DataMessage.Quote.QuotedAttachment();
                    while (reader.pos < end) {
                        var start = reader.pos;
                        var tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        var wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.contentType = reader.string();
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.fileName = reader.string();
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.thumbnail = $root.signalservice.AttachmentPointer.decode(reader, reader.size(), $undefined, _depth + 1, message.thumbnail);
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                message.flags = reader.uint32();
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a QuotedAttachment message.
                 * @function verify
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                QuotedAttachment.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.contentType != null && $Object.hasOwnProperty.call(message, "contentType"))
                        if (!$util.isString(message.contentType))
                            return "contentType: string expected";
                    if (message.fileName != null && $Object.hasOwnProperty.call(message, "fileName"))
                        if (!$util.isString(message.fileName))
                            return "fileName: string expected";
                    if (message.thumbnail != null && $Object.hasOwnProperty.call(message, "thumbnail")) {
                        var error = $root.signalservice.AttachmentPointer.verify(message.thumbnail, _depth + 1);
                        if (error)
                            return "thumbnail." + error;
                    }
                    if (message.flags != null && $Object.hasOwnProperty.call(message, "flags"))
                        if (!$util.isInteger(message.flags))
                            return "flags: integer expected";
                    return null;
                };

                /**
                 * Gets the type url for QuotedAttachment
                 * @function getTypeUrl
                 * @memberof signalservice.DataMessage.Quote.QuotedAttachment
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                QuotedAttachment.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/signalservice.DataMessage.Quote.QuotedAttachment";
                };

                /**
                 * Flags enum.
                 * @name signalservice.DataMessage.Quote.QuotedAttachment.Flags
                 * @enum {number}
                 * @property {number} VOICE_MESSAGE=1 VOICE_MESSAGE value
                 */
                QuotedAttachment.Flags = (function() {
                    var valuesById = $Object.create(null), values = $Object.create(valuesById);
                    values[valuesById[1] = "VOICE_MESSAGE"] = 1;
                    return values;
                })();

                return QuotedAttachment;
            })();

            return Quote;
        })();

        DataMessage.Preview = (function() {

            /**
             * Properties of a Preview.
             * @typedef {Object} signalservice.DataMessage.Preview.$Properties
             * @property {string} url Preview url
             * @property {string|null} [title] Preview title
             * @property {signalservice.AttachmentPointer.$Properties|null} [image] Preview image
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Preview.
             * @memberof signalservice.DataMessage
             * @interface IPreview
             * @augments signalservice.DataMessage.Preview.$Properties
             * @deprecated Use signalservice.DataMessage.Preview.$Properties instead.
             */

            /**
             * Shape of a Preview.
             * @typedef {signalservice.DataMessage.Preview.$Properties} signalservice.DataMessage.Preview.$Shape
             */

            /**
             * Constructs a new Preview.
             * @memberof signalservice.DataMessage
             * @classdesc Represents a Preview.
             * @constructor
             * @param {signalservice.DataMessage.Preview.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Preview = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Preview url.
             * @member {string} url
             * @memberof signalservice.DataMessage.Preview
             * @instance
             */
            Preview.prototype.url = "";

            /**
             * Preview title.
             * @member {string} title
             * @memberof signalservice.DataMessage.Preview
             * @instance
             */
            Preview.prototype.title = "";

            /**
             * Preview image.
             * @member {signalservice.AttachmentPointer.$Properties|null|undefined} image
             * @memberof signalservice.DataMessage.Preview
             * @instance
             */
            Preview.prototype.image = null;

            /**
             * Creates a new Preview instance using the specified properties.
             * @function create
             * @memberof signalservice.DataMessage.Preview
             * @static
             * @param {signalservice.DataMessage.Preview.$Properties=} [properties] Properties to set
             * @returns {signalservice.DataMessage.Preview} Preview instance
             * @type {{
             *   (properties: signalservice.DataMessage.Preview.$Shape): signalservice.DataMessage.Preview & signalservice.DataMessage.Preview.$Shape;
             *   (properties?: signalservice.DataMessage.Preview.$Properties): signalservice.DataMessage.Preview;
             * }}
             */
            Preview.create = function(properties) {
                return new Preview(properties);
            };

            /**
             * Encodes the specified Preview message. Does not implicitly {@link signalservice.DataMessage.Preview.verify|verify} messages.
             * @function encode
             * @memberof signalservice.DataMessage.Preview
             * @static
             * @param {signalservice.DataMessage.Preview.$Properties} message Preview message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Preview.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.url);
                if (message.title != null && $Object.hasOwnProperty.call(message, "title"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.title);
                if (message.image != null && $Object.hasOwnProperty.call(message, "image"))
                    $root.signalservice.AttachmentPointer.encode(message.image, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Preview message from the specified reader or buffer.
             * @function decode
             * @memberof signalservice.DataMessage.Preview
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {signalservice.DataMessage.Preview & signalservice.DataMessage.Preview.$Shape} Preview
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Preview.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.signalservice.DataMessage.Preview();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.url = reader.string();
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.title = reader.string();
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.image = $root.signalservice.AttachmentPointer.decode(reader, reader.size(), $undefined, _depth + 1, message.image);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                if (!$Object.hasOwnProperty.call(message, "url"))
                    throw $util.ProtocolError("missing required 'url'", { instance: message });
                return message;
            };

            /**
             * Verifies a Preview message.
             * @function verify
             * @memberof signalservice.DataMessage.Preview
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Preview.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (!$util.isString(message.url))
                    return "url: string expected";
                if (message.title != null && $Object.hasOwnProperty.call(message, "title"))
                    if (!$util.isString(message.title))
                        return "title: string expected";
                if (message.image != null && $Object.hasOwnProperty.call(message, "image")) {
                    var error = $root.signalservice.AttachmentPointer.verify(message.image, _depth + 1);
                    if (error)
                        return "image." + error;
                }
                return null;
            };

            /**
             * Gets the type url for Preview
             * @function getTypeUrl
             * @memberof signalservice.DataMessage.Preview
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Preview.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/signalservice.DataMessage.Preview";
            };

            return Preview;
        })();

        DataMessage.Reaction = (function() {

            /**
             * Properties of a Reaction.
             * @typedef {Object} signalservice.DataMessage.Reaction.$Properties
             * @property {number} id Reaction id
             * @property {string} author Reaction author
             * @property {string|null} [emoji] Reaction emoji
             * @property {signalservice.DataMessage.Reaction.Action} action Reaction action
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Reaction.
             * @memberof signalservice.DataMessage
             * @interface IReaction
             * @augments signalservice.DataMessage.Reaction.$Properties
             * @deprecated Use signalservice.DataMessage.Reaction.$Properties instead.
             */

            /**
             * Shape of a Reaction.
             * @typedef {signalservice.DataMessage.Reaction.$Properties} signalservice.DataMessage.Reaction.$Shape
             */

            /**
             * Constructs a new Reaction.
             * @memberof signalservice.DataMessage
             * @classdesc Represents a Reaction.
             * @constructor
             * @param {signalservice.DataMessage.Reaction.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Reaction = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Reaction id.
             * @member {number} id
             * @memberof signalservice.DataMessage.Reaction
             * @instance
             */
            Reaction.prototype.id = 0;

            /**
             * Reaction author.
             * @member {string} author
             * @memberof signalservice.DataMessage.Reaction
             * @instance
             */
            Reaction.prototype.author = "";

            /**
             * Reaction emoji.
             * @member {string} emoji
             * @memberof signalservice.DataMessage.Reaction
             * @instance
             */
            Reaction.prototype.emoji = "";

            /**
             * Reaction action.
             * @member {signalservice.DataMessage.Reaction.Action} action
             * @memberof signalservice.DataMessage.Reaction
             * @instance
             */
            Reaction.prototype.action = 0;

            /**
             * Creates a new Reaction instance using the specified properties.
             * @function create
             * @memberof signalservice.DataMessage.Reaction
             * @static
             * @param {signalservice.DataMessage.Reaction.$Properties=} [properties] Properties to set
             * @returns {signalservice.DataMessage.Reaction} Reaction instance
             * @type {{
             *   (properties: signalservice.DataMessage.Reaction.$Shape): signalservice.DataMessage.Reaction & signalservice.DataMessage.Reaction.$Shape;
             *   (properties?: signalservice.DataMessage.Reaction.$Properties): signalservice.DataMessage.Reaction;
             * }}
             */
            Reaction.create = function(properties) {
                return new Reaction(properties);
            };

            /**
             * Encodes the specified Reaction message. Does not implicitly {@link signalservice.DataMessage.Reaction.verify|verify} messages.
             * @function encode
             * @memberof signalservice.DataMessage.Reaction
             * @static
             * @param {signalservice.DataMessage.Reaction.$Properties} message Reaction message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Reaction.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.id);
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.author);
                if (message.emoji != null && $Object.hasOwnProperty.call(message, "emoji"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.emoji);
                writer.uint32(/* id 4, wireType 0 =*/32).int32(message.action);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Reaction message from the specified reader or buffer.
             * @function decode
             * @memberof signalservice.DataMessage.Reaction
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {signalservice.DataMessage.Reaction & signalservice.DataMessage.Reaction.$Shape} Reaction
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Reaction.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.signalservice.DataMessage.Reaction();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            message.id = $toNumber(reader.uint64());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.author = reader.string();
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.emoji = reader.string();
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            value = reader.int32();
                            if ($root.signalservice.DataMessage.Reaction.Action[value] !== $undefined)
                                message.action = value;
                            else if (!reader.discardUnknown) {
                                $util.makeProp(message, "$unknowns", false);
                                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                            }
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                if (!$Object.hasOwnProperty.call(message, "id"))
                    throw $util.ProtocolError("missing required 'id'", { instance: message });
                if (!$Object.hasOwnProperty.call(message, "author"))
                    throw $util.ProtocolError("missing required 'author'", { instance: message });
                if (!$Object.hasOwnProperty.call(message, "action"))
                    throw $util.ProtocolError("missing required 'action'", { instance: message });
                return message;
            };

            /**
             * Verifies a Reaction message.
             * @function verify
             * @memberof signalservice.DataMessage.Reaction
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Reaction.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (!$util.isInteger(message.id) && !(message.id && $util.isInteger(message.id.low) && $util.isInteger(message.id.high)))
                    return "id: integer|Long expected";
                if (!$util.isString(message.author))
                    return "author: string expected";
                if (message.emoji != null && $Object.hasOwnProperty.call(message, "emoji"))
                    if (!$util.isString(message.emoji))
                        return "emoji: string expected";
                switch (message.action) {
                default:
                    return "action: enum value expected";
                case 0:
                case 1:
                    break;
                }
                return null;
            };

            /**
             * Gets the type url for Reaction
             * @function getTypeUrl
             * @memberof signalservice.DataMessage.Reaction
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Reaction.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/signalservice.DataMessage.Reaction";
            };

            /**
             * Action enum.
             * @name signalservice.DataMessage.Reaction.Action
             * @enum {number}
             * @property {number} REACT=0 REACT value
             * @property {number} REMOVE=1 REMOVE value
             */
            Reaction.Action = (function() {
                var valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "REACT"] = 0;
                values[valuesById[1] = "REMOVE"] = 1;
                return values;
            })();

            return Reaction;
        })();

        DataMessage.CommunityInvitation = (function() {

            /**
             * Properties of a CommunityInvitation.
             * @typedef {Object} signalservice.DataMessage.CommunityInvitation.$Properties
             * @property {string} url CommunityInvitation url
             * @property {string} name CommunityInvitation name
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CommunityInvitation.
             * @memberof signalservice.DataMessage
             * @interface ICommunityInvitation
             * @augments signalservice.DataMessage.CommunityInvitation.$Properties
             * @deprecated Use signalservice.DataMessage.CommunityInvitation.$Properties instead.
             */

            /**
             * Shape of a CommunityInvitation.
             * @typedef {signalservice.DataMessage.CommunityInvitation.$Properties} signalservice.DataMessage.CommunityInvitation.$Shape
             */

            /**
             * Constructs a new CommunityInvitation.
             * @memberof signalservice.DataMessage
             * @classdesc Represents a CommunityInvitation.
             * @constructor
             * @param {signalservice.DataMessage.CommunityInvitation.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var CommunityInvitation = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CommunityInvitation url.
             * @member {string} url
             * @memberof signalservice.DataMessage.CommunityInvitation
             * @instance
             */
            CommunityInvitation.prototype.url = "";

            /**
             * CommunityInvitation name.
             * @member {string} name
             * @memberof signalservice.DataMessage.CommunityInvitation
             * @instance
             */
            CommunityInvitation.prototype.name = "";

            /**
             * Creates a new CommunityInvitation instance using the specified properties.
             * @function create
             * @memberof signalservice.DataMessage.CommunityInvitation
             * @static
             * @param {signalservice.DataMessage.CommunityInvitation.$Properties=} [properties] Properties to set
             * @returns {signalservice.DataMessage.CommunityInvitation} CommunityInvitation instance
             * @type {{
             *   (properties: signalservice.DataMessage.CommunityInvitation.$Shape): signalservice.DataMessage.CommunityInvitation & signalservice.DataMessage.CommunityInvitation.$Shape;
             *   (properties?: signalservice.DataMessage.CommunityInvitation.$Properties): signalservice.DataMessage.CommunityInvitation;
             * }}
             */
            CommunityInvitation.create = function(properties) {
                return new CommunityInvitation(properties);
            };

            /**
             * Encodes the specified CommunityInvitation message. Does not implicitly {@link signalservice.DataMessage.CommunityInvitation.verify|verify} messages.
             * @function encode
             * @memberof signalservice.DataMessage.CommunityInvitation
             * @static
             * @param {signalservice.DataMessage.CommunityInvitation.$Properties} message CommunityInvitation message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommunityInvitation.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.url);
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.name);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CommunityInvitation message from the specified reader or buffer.
             * @function decode
             * @memberof signalservice.DataMessage.CommunityInvitation
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {signalservice.DataMessage.CommunityInvitation & signalservice.DataMessage.CommunityInvitation.$Shape} CommunityInvitation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommunityInvitation.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.signalservice.DataMessage.CommunityInvitation();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.url = reader.string();
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.name = reader.string();
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                if (!$Object.hasOwnProperty.call(message, "url"))
                    throw $util.ProtocolError("missing required 'url'", { instance: message });
                if (!$Object.hasOwnProperty.call(message, "name"))
                    throw $util.ProtocolError("missing required 'name'", { instance: message });
                return message;
            };

            /**
             * Verifies a CommunityInvitation message.
             * @function verify
             * @memberof signalservice.DataMessage.CommunityInvitation
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CommunityInvitation.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (!$util.isString(message.url))
                    return "url: string expected";
                if (!$util.isString(message.name))
                    return "name: string expected";
                return null;
            };

            /**
             * Gets the type url for CommunityInvitation
             * @function getTypeUrl
             * @memberof signalservice.DataMessage.CommunityInvitation
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CommunityInvitation.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/signalservice.DataMessage.CommunityInvitation";
            };

            return CommunityInvitation;
        })();

        return DataMessage;
    })();

    signalservice.LokiProfile = (function() {

        /**
         * Properties of a LokiProfile.
         * @typedef {Object} signalservice.LokiProfile.$Properties
         * @property {string|null} [displayName] LokiProfile displayName
         * @property {string|null} [profilePicture] LokiProfile profilePicture
         * @property {number|null} [lastProfileUpdateSeconds] LokiProfile lastProfileUpdateSeconds
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a LokiProfile.
         * @memberof signalservice
         * @interface ILokiProfile
         * @augments signalservice.LokiProfile.$Properties
         * @deprecated Use signalservice.LokiProfile.$Properties instead.
         */

        /**
         * Shape of a LokiProfile.
         * @typedef {signalservice.LokiProfile.$Properties} signalservice.LokiProfile.$Shape
         */

        /**
         * Constructs a new LokiProfile.
         * @memberof signalservice
         * @classdesc Represents a LokiProfile.
         * @constructor
         * @param {signalservice.LokiProfile.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var LokiProfile = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * LokiProfile displayName.
         * @member {string} displayName
         * @memberof signalservice.LokiProfile
         * @instance
         */
        LokiProfile.prototype.displayName = "";

        /**
         * LokiProfile profilePicture.
         * @member {string} profilePicture
         * @memberof signalservice.LokiProfile
         * @instance
         */
        LokiProfile.prototype.profilePicture = "";

        /**
         * LokiProfile lastProfileUpdateSeconds.
         * @member {number} lastProfileUpdateSeconds
         * @memberof signalservice.LokiProfile
         * @instance
         */
        LokiProfile.prototype.lastProfileUpdateSeconds = 0;

        /**
         * Creates a new LokiProfile instance using the specified properties.
         * @function create
         * @memberof signalservice.LokiProfile
         * @static
         * @param {signalservice.LokiProfile.$Properties=} [properties] Properties to set
         * @returns {signalservice.LokiProfile} LokiProfile instance
         * @type {{
         *   (properties: signalservice.LokiProfile.$Shape): signalservice.LokiProfile & signalservice.LokiProfile.$Shape;
         *   (properties?: signalservice.LokiProfile.$Properties): signalservice.LokiProfile;
         * }}
         */
        LokiProfile.create = function(properties) {
            return new LokiProfile(properties);
        };

        /**
         * Encodes the specified LokiProfile message. Does not implicitly {@link signalservice.LokiProfile.verify|verify} messages.
         * @function encode
         * @memberof signalservice.LokiProfile
         * @static
         * @param {signalservice.LokiProfile.$Properties} message LokiProfile message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        LokiProfile.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.displayName != null && $Object.hasOwnProperty.call(message, "displayName"))
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.displayName);
            if (message.profilePicture != null && $Object.hasOwnProperty.call(message, "profilePicture"))
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.profilePicture);
            if (message.lastProfileUpdateSeconds != null && $Object.hasOwnProperty.call(message, "lastProfileUpdateSeconds"))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.lastProfileUpdateSeconds);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a LokiProfile message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.LokiProfile
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.LokiProfile & signalservice.LokiProfile.$Shape} LokiProfile
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        LokiProfile.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.LokiProfile();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.displayName = reader.string();
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.profilePicture = reader.string();
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        message.lastProfileUpdateSeconds = $toNumber(reader.uint64());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a LokiProfile message.
         * @function verify
         * @memberof signalservice.LokiProfile
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        LokiProfile.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.displayName != null && $Object.hasOwnProperty.call(message, "displayName"))
                if (!$util.isString(message.displayName))
                    return "displayName: string expected";
            if (message.profilePicture != null && $Object.hasOwnProperty.call(message, "profilePicture"))
                if (!$util.isString(message.profilePicture))
                    return "profilePicture: string expected";
            if (message.lastProfileUpdateSeconds != null && $Object.hasOwnProperty.call(message, "lastProfileUpdateSeconds"))
                if (!$util.isInteger(message.lastProfileUpdateSeconds) && !(message.lastProfileUpdateSeconds && $util.isInteger(message.lastProfileUpdateSeconds.low) && $util.isInteger(message.lastProfileUpdateSeconds.high)))
                    return "lastProfileUpdateSeconds: integer|Long expected";
            return null;
        };

        /**
         * Gets the type url for LokiProfile
         * @function getTypeUrl
         * @memberof signalservice.LokiProfile
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        LokiProfile.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.LokiProfile";
        };

        return LokiProfile;
    })();

    signalservice.AttachmentPointer = (function() {

        /**
         * Properties of an AttachmentPointer.
         * @typedef {Object} signalservice.AttachmentPointer.$Properties
         * @property {number} deprecatedId AttachmentPointer deprecatedId
         * @property {string|null} [contentType] AttachmentPointer contentType
         * @property {Uint8Array|null} [key] AttachmentPointer key
         * @property {number|null} [size] AttachmentPointer size
         * @property {Uint8Array|null} [digest] AttachmentPointer digest
         * @property {string|null} [fileName] AttachmentPointer fileName
         * @property {number|null} [flags] AttachmentPointer flags
         * @property {number|null} [width] AttachmentPointer width
         * @property {number|null} [height] AttachmentPointer height
         * @property {string|null} [caption] AttachmentPointer caption
         * @property {string|null} [url] AttachmentPointer url
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an AttachmentPointer.
         * @memberof signalservice
         * @interface IAttachmentPointer
         * @augments signalservice.AttachmentPointer.$Properties
         * @deprecated Use signalservice.AttachmentPointer.$Properties instead.
         */

        /**
         * Shape of an AttachmentPointer.
         * @typedef {signalservice.AttachmentPointer.$Properties} signalservice.AttachmentPointer.$Shape
         */

        /**
         * Constructs a new AttachmentPointer.
         * @memberof signalservice
         * @classdesc Represents an AttachmentPointer.
         * @constructor
         * @param {signalservice.AttachmentPointer.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var AttachmentPointer = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * AttachmentPointer deprecatedId.
         * @member {number} deprecatedId
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.deprecatedId = 0;

        /**
         * AttachmentPointer contentType.
         * @member {string} contentType
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.contentType = "";

        /**
         * AttachmentPointer key.
         * @member {Uint8Array} key
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.key = $util.newBuffer([]);

        /**
         * AttachmentPointer size.
         * @member {number} size
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.size = 0;

        /**
         * AttachmentPointer digest.
         * @member {Uint8Array} digest
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.digest = $util.newBuffer([]);

        /**
         * AttachmentPointer fileName.
         * @member {string} fileName
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.fileName = "";

        /**
         * AttachmentPointer flags.
         * @member {number} flags
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.flags = 0;

        /**
         * AttachmentPointer width.
         * @member {number} width
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.width = 0;

        /**
         * AttachmentPointer height.
         * @member {number} height
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.height = 0;

        /**
         * AttachmentPointer caption.
         * @member {string} caption
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.caption = "";

        /**
         * AttachmentPointer url.
         * @member {string} url
         * @memberof signalservice.AttachmentPointer
         * @instance
         */
        AttachmentPointer.prototype.url = "";

        /**
         * Creates a new AttachmentPointer instance using the specified properties.
         * @function create
         * @memberof signalservice.AttachmentPointer
         * @static
         * @param {signalservice.AttachmentPointer.$Properties=} [properties] Properties to set
         * @returns {signalservice.AttachmentPointer} AttachmentPointer instance
         * @type {{
         *   (properties: signalservice.AttachmentPointer.$Shape): signalservice.AttachmentPointer & signalservice.AttachmentPointer.$Shape;
         *   (properties?: signalservice.AttachmentPointer.$Properties): signalservice.AttachmentPointer;
         * }}
         */
        AttachmentPointer.create = function(properties) {
            return new AttachmentPointer(properties);
        };

        /**
         * Encodes the specified AttachmentPointer message. Does not implicitly {@link signalservice.AttachmentPointer.verify|verify} messages.
         * @function encode
         * @memberof signalservice.AttachmentPointer
         * @static
         * @param {signalservice.AttachmentPointer.$Properties} message AttachmentPointer message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AttachmentPointer.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 1 =*/9).fixed64(message.deprecatedId);
            if (message.contentType != null && $Object.hasOwnProperty.call(message, "contentType"))
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.contentType);
            if (message.key != null && $Object.hasOwnProperty.call(message, "key"))
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.key);
            if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.size);
            if (message.digest != null && $Object.hasOwnProperty.call(message, "digest"))
                writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.digest);
            if (message.fileName != null && $Object.hasOwnProperty.call(message, "fileName"))
                writer.uint32(/* id 7, wireType 2 =*/58).string(message.fileName);
            if (message.flags != null && $Object.hasOwnProperty.call(message, "flags"))
                writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.flags);
            if (message.width != null && $Object.hasOwnProperty.call(message, "width"))
                writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.width);
            if (message.height != null && $Object.hasOwnProperty.call(message, "height"))
                writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.height);
            if (message.caption != null && $Object.hasOwnProperty.call(message, "caption"))
                writer.uint32(/* id 11, wireType 2 =*/90).string(message.caption);
            if (message.url != null && $Object.hasOwnProperty.call(message, "url"))
                writer.uint32(/* id 101, wireType 2 =*/810).string(message.url);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an AttachmentPointer message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.AttachmentPointer
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.AttachmentPointer & signalservice.AttachmentPointer.$Shape} AttachmentPointer
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AttachmentPointer.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.AttachmentPointer();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 1)
                            break;
                        message.deprecatedId = $toNumber(reader.fixed64());
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.contentType = reader.string();
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.key = reader.bytes();
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        message.size = reader.uint32();
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        message.digest = reader.bytes();
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        message.fileName = reader.string();
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        message.flags = reader.uint32();
                        continue;
                    }
                case 9: {
                        if (wireType !== 0)
                            break;
                        message.width = reader.uint32();
                        continue;
                    }
                case 10: {
                        if (wireType !== 0)
                            break;
                        message.height = reader.uint32();
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        message.caption = reader.string();
                        continue;
                    }
                case 101: {
                        if (wireType !== 2)
                            break;
                        message.url = reader.string();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "deprecatedId"))
                throw $util.ProtocolError("missing required 'deprecatedId'", { instance: message });
            return message;
        };

        /**
         * Verifies an AttachmentPointer message.
         * @function verify
         * @memberof signalservice.AttachmentPointer
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        AttachmentPointer.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (!$util.isInteger(message.deprecatedId) && !(message.deprecatedId && $util.isInteger(message.deprecatedId.low) && $util.isInteger(message.deprecatedId.high)))
                return "deprecatedId: integer|Long expected";
            if (message.contentType != null && $Object.hasOwnProperty.call(message, "contentType"))
                if (!$util.isString(message.contentType))
                    return "contentType: string expected";
            if (message.key != null && $Object.hasOwnProperty.call(message, "key"))
                if (!(message.key && typeof message.key.length === "number" || $util.isString(message.key)))
                    return "key: buffer expected";
            if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                if (!$util.isInteger(message.size))
                    return "size: integer expected";
            if (message.digest != null && $Object.hasOwnProperty.call(message, "digest"))
                if (!(message.digest && typeof message.digest.length === "number" || $util.isString(message.digest)))
                    return "digest: buffer expected";
            if (message.fileName != null && $Object.hasOwnProperty.call(message, "fileName"))
                if (!$util.isString(message.fileName))
                    return "fileName: string expected";
            if (message.flags != null && $Object.hasOwnProperty.call(message, "flags"))
                if (!$util.isInteger(message.flags))
                    return "flags: integer expected";
            if (message.width != null && $Object.hasOwnProperty.call(message, "width"))
                if (!$util.isInteger(message.width))
                    return "width: integer expected";
            if (message.height != null && $Object.hasOwnProperty.call(message, "height"))
                if (!$util.isInteger(message.height))
                    return "height: integer expected";
            if (message.caption != null && $Object.hasOwnProperty.call(message, "caption"))
                if (!$util.isString(message.caption))
                    return "caption: string expected";
            if (message.url != null && $Object.hasOwnProperty.call(message, "url"))
                if (!$util.isString(message.url))
                    return "url: string expected";
            return null;
        };

        /**
         * Gets the type url for AttachmentPointer
         * @function getTypeUrl
         * @memberof signalservice.AttachmentPointer
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        AttachmentPointer.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.AttachmentPointer";
        };

        /**
         * Flags enum.
         * @name signalservice.AttachmentPointer.Flags
         * @enum {number}
         * @property {number} VOICE_MESSAGE=1 VOICE_MESSAGE value
         */
        AttachmentPointer.Flags = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[1] = "VOICE_MESSAGE"] = 1;
            return values;
        })();

        return AttachmentPointer;
    })();

    signalservice.ReceiptMessage = (function() {

        /**
         * Properties of a ReceiptMessage.
         * @typedef {Object} signalservice.ReceiptMessage.$Properties
         * @property {signalservice.ReceiptMessage.Type} type ReceiptMessage type
         * @property {Array.<number>|null} [timestamp] ReceiptMessage timestamp
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ReceiptMessage.
         * @memberof signalservice
         * @interface IReceiptMessage
         * @augments signalservice.ReceiptMessage.$Properties
         * @deprecated Use signalservice.ReceiptMessage.$Properties instead.
         */

        /**
         * Shape of a ReceiptMessage.
         * @typedef {signalservice.ReceiptMessage.$Properties} signalservice.ReceiptMessage.$Shape
         */

        /**
         * Constructs a new ReceiptMessage.
         * @memberof signalservice
         * @classdesc Represents a ReceiptMessage.
         * @constructor
         * @param {signalservice.ReceiptMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var ReceiptMessage = function (properties) {
            this.timestamp = [];
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ReceiptMessage type.
         * @member {signalservice.ReceiptMessage.Type} type
         * @memberof signalservice.ReceiptMessage
         * @instance
         */
        ReceiptMessage.prototype.type = 0;

        /**
         * ReceiptMessage timestamp.
         * @member {Array.<number>} timestamp
         * @memberof signalservice.ReceiptMessage
         * @instance
         */
        ReceiptMessage.prototype.timestamp = $util.emptyArray;

        /**
         * Creates a new ReceiptMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.ReceiptMessage
         * @static
         * @param {signalservice.ReceiptMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.ReceiptMessage} ReceiptMessage instance
         * @type {{
         *   (properties: signalservice.ReceiptMessage.$Shape): signalservice.ReceiptMessage & signalservice.ReceiptMessage.$Shape;
         *   (properties?: signalservice.ReceiptMessage.$Properties): signalservice.ReceiptMessage;
         * }}
         */
        ReceiptMessage.create = function(properties) {
            return new ReceiptMessage(properties);
        };

        /**
         * Encodes the specified ReceiptMessage message. Does not implicitly {@link signalservice.ReceiptMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.ReceiptMessage
         * @static
         * @param {signalservice.ReceiptMessage.$Properties} message ReceiptMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ReceiptMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
            if (message.timestamp != null && message.timestamp.length)
                for (var i = 0; i < message.timestamp.length; ++i)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.timestamp[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a ReceiptMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.ReceiptMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.ReceiptMessage & signalservice.ReceiptMessage.$Shape} ReceiptMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ReceiptMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.ReceiptMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.ReceiptMessage.Type[value] !== $undefined)
                            message.type = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (wireType === 2) {
                            if (!(message.timestamp && message.timestamp.length))
                                message.timestamp = [];
                            reader.uint64s(message.timestamp);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.timestamp && message.timestamp.length))
                            message.timestamp = [];
                        message.timestamp.push($toNumber(reader.uint64()));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "type"))
                throw $util.ProtocolError("missing required 'type'", { instance: message });
            return message;
        };

        /**
         * Verifies a ReceiptMessage message.
         * @function verify
         * @memberof signalservice.ReceiptMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ReceiptMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            switch (message.type) {
            default:
                return "type: enum value expected";
            case 0:
            case 1:
                break;
            }
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp")) {
                if (!$Array.isArray(message.timestamp))
                    return "timestamp: array expected";
                for (var i = 0; i < message.timestamp.length; ++i)
                    if (!$util.isInteger(message.timestamp[i]) && !(message.timestamp[i] && $util.isInteger(message.timestamp[i].low) && $util.isInteger(message.timestamp[i].high)))
                        return "timestamp: integer|Long[] expected";
            }
            return null;
        };

        /**
         * Gets the type url for ReceiptMessage
         * @function getTypeUrl
         * @memberof signalservice.ReceiptMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ReceiptMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.ReceiptMessage";
        };

        /**
         * Type enum.
         * @name signalservice.ReceiptMessage.Type
         * @enum {number}
         * @property {number} DELIVERY=0 DELIVERY value
         * @property {number} READ=1 READ value
         */
        ReceiptMessage.Type = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DELIVERY"] = 0;
            values[valuesById[1] = "READ"] = 1;
            return values;
        })();

        return ReceiptMessage;
    })();

    signalservice.TypingMessage = (function() {

        /**
         * Properties of a TypingMessage.
         * @typedef {Object} signalservice.TypingMessage.$Properties
         * @property {number} timestamp TypingMessage timestamp
         * @property {signalservice.TypingMessage.Action} action TypingMessage action
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TypingMessage.
         * @memberof signalservice
         * @interface ITypingMessage
         * @augments signalservice.TypingMessage.$Properties
         * @deprecated Use signalservice.TypingMessage.$Properties instead.
         */

        /**
         * Shape of a TypingMessage.
         * @typedef {signalservice.TypingMessage.$Properties} signalservice.TypingMessage.$Shape
         */

        /**
         * Constructs a new TypingMessage.
         * @memberof signalservice
         * @classdesc Represents a TypingMessage.
         * @constructor
         * @param {signalservice.TypingMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var TypingMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TypingMessage timestamp.
         * @member {number} timestamp
         * @memberof signalservice.TypingMessage
         * @instance
         */
        TypingMessage.prototype.timestamp = 0;

        /**
         * TypingMessage action.
         * @member {signalservice.TypingMessage.Action} action
         * @memberof signalservice.TypingMessage
         * @instance
         */
        TypingMessage.prototype.action = 0;

        /**
         * Creates a new TypingMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.TypingMessage
         * @static
         * @param {signalservice.TypingMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.TypingMessage} TypingMessage instance
         * @type {{
         *   (properties: signalservice.TypingMessage.$Shape): signalservice.TypingMessage & signalservice.TypingMessage.$Shape;
         *   (properties?: signalservice.TypingMessage.$Properties): signalservice.TypingMessage;
         * }}
         */
        TypingMessage.create = function(properties) {
            return new TypingMessage(properties);
        };

        /**
         * Encodes the specified TypingMessage message. Does not implicitly {@link signalservice.TypingMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.TypingMessage
         * @static
         * @param {signalservice.TypingMessage.$Properties} message TypingMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TypingMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.timestamp);
            writer.uint32(/* id 2, wireType 0 =*/16).int32(message.action);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a TypingMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.TypingMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.TypingMessage & signalservice.TypingMessage.$Shape} TypingMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TypingMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.TypingMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        message.timestamp = $toNumber(reader.uint64());
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.TypingMessage.Action[value] !== $undefined)
                            message.action = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "timestamp"))
                throw $util.ProtocolError("missing required 'timestamp'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "action"))
                throw $util.ProtocolError("missing required 'action'", { instance: message });
            return message;
        };

        /**
         * Verifies a TypingMessage message.
         * @function verify
         * @memberof signalservice.TypingMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        TypingMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (!$util.isInteger(message.timestamp) && !(message.timestamp && $util.isInteger(message.timestamp.low) && $util.isInteger(message.timestamp.high)))
                return "timestamp: integer|Long expected";
            switch (message.action) {
            default:
                return "action: enum value expected";
            case 0:
            case 1:
                break;
            }
            return null;
        };

        /**
         * Gets the type url for TypingMessage
         * @function getTypeUrl
         * @memberof signalservice.TypingMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        TypingMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.TypingMessage";
        };

        /**
         * Action enum.
         * @name signalservice.TypingMessage.Action
         * @enum {number}
         * @property {number} STARTED=0 STARTED value
         * @property {number} STOPPED=1 STOPPED value
         */
        TypingMessage.Action = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "STARTED"] = 0;
            values[valuesById[1] = "STOPPED"] = 1;
            return values;
        })();

        return TypingMessage;
    })();

    signalservice.UnsendRequest = (function() {

        /**
         * Properties of an UnsendRequest.
         * @typedef {Object} signalservice.UnsendRequest.$Properties
         * @property {number} timestamp UnsendRequest timestamp
         * @property {string} author UnsendRequest author
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an UnsendRequest.
         * @memberof signalservice
         * @interface IUnsendRequest
         * @augments signalservice.UnsendRequest.$Properties
         * @deprecated Use signalservice.UnsendRequest.$Properties instead.
         */

        /**
         * Shape of an UnsendRequest.
         * @typedef {signalservice.UnsendRequest.$Properties} signalservice.UnsendRequest.$Shape
         */

        /**
         * Constructs a new UnsendRequest.
         * @memberof signalservice
         * @classdesc Represents an UnsendRequest.
         * @constructor
         * @param {signalservice.UnsendRequest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var UnsendRequest = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnsendRequest timestamp.
         * @member {number} timestamp
         * @memberof signalservice.UnsendRequest
         * @instance
         */
        UnsendRequest.prototype.timestamp = 0;

        /**
         * UnsendRequest author.
         * @member {string} author
         * @memberof signalservice.UnsendRequest
         * @instance
         */
        UnsendRequest.prototype.author = "";

        /**
         * Creates a new UnsendRequest instance using the specified properties.
         * @function create
         * @memberof signalservice.UnsendRequest
         * @static
         * @param {signalservice.UnsendRequest.$Properties=} [properties] Properties to set
         * @returns {signalservice.UnsendRequest} UnsendRequest instance
         * @type {{
         *   (properties: signalservice.UnsendRequest.$Shape): signalservice.UnsendRequest & signalservice.UnsendRequest.$Shape;
         *   (properties?: signalservice.UnsendRequest.$Properties): signalservice.UnsendRequest;
         * }}
         */
        UnsendRequest.create = function(properties) {
            return new UnsendRequest(properties);
        };

        /**
         * Encodes the specified UnsendRequest message. Does not implicitly {@link signalservice.UnsendRequest.verify|verify} messages.
         * @function encode
         * @memberof signalservice.UnsendRequest
         * @static
         * @param {signalservice.UnsendRequest.$Properties} message UnsendRequest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnsendRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.timestamp);
            writer.uint32(/* id 2, wireType 2 =*/18).string(message.author);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an UnsendRequest message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.UnsendRequest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.UnsendRequest & signalservice.UnsendRequest.$Shape} UnsendRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnsendRequest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.UnsendRequest();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        message.timestamp = $toNumber(reader.uint64());
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.author = reader.string();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "timestamp"))
                throw $util.ProtocolError("missing required 'timestamp'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "author"))
                throw $util.ProtocolError("missing required 'author'", { instance: message });
            return message;
        };

        /**
         * Verifies an UnsendRequest message.
         * @function verify
         * @memberof signalservice.UnsendRequest
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnsendRequest.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (!$util.isInteger(message.timestamp) && !(message.timestamp && $util.isInteger(message.timestamp.low) && $util.isInteger(message.timestamp.high)))
                return "timestamp: integer|Long expected";
            if (!$util.isString(message.author))
                return "author: string expected";
            return null;
        };

        /**
         * Gets the type url for UnsendRequest
         * @function getTypeUrl
         * @memberof signalservice.UnsendRequest
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnsendRequest.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.UnsendRequest";
        };

        return UnsendRequest;
    })();

    signalservice.MessageRequestResponse = (function() {

        /**
         * Properties of a MessageRequestResponse.
         * @typedef {Object} signalservice.MessageRequestResponse.$Properties
         * @property {boolean} isApproved MessageRequestResponse isApproved
         * @property {Uint8Array|null} [profileKey] MessageRequestResponse profileKey
         * @property {signalservice.LokiProfile.$Properties|null} [profile] MessageRequestResponse profile
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a MessageRequestResponse.
         * @memberof signalservice
         * @interface IMessageRequestResponse
         * @augments signalservice.MessageRequestResponse.$Properties
         * @deprecated Use signalservice.MessageRequestResponse.$Properties instead.
         */

        /**
         * Shape of a MessageRequestResponse.
         * @typedef {signalservice.MessageRequestResponse.$Properties} signalservice.MessageRequestResponse.$Shape
         */

        /**
         * Constructs a new MessageRequestResponse.
         * @memberof signalservice
         * @classdesc Represents a MessageRequestResponse.
         * @constructor
         * @param {signalservice.MessageRequestResponse.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var MessageRequestResponse = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * MessageRequestResponse isApproved.
         * @member {boolean} isApproved
         * @memberof signalservice.MessageRequestResponse
         * @instance
         */
        MessageRequestResponse.prototype.isApproved = false;

        /**
         * MessageRequestResponse profileKey.
         * @member {Uint8Array} profileKey
         * @memberof signalservice.MessageRequestResponse
         * @instance
         */
        MessageRequestResponse.prototype.profileKey = $util.newBuffer([]);

        /**
         * MessageRequestResponse profile.
         * @member {signalservice.LokiProfile.$Properties|null|undefined} profile
         * @memberof signalservice.MessageRequestResponse
         * @instance
         */
        MessageRequestResponse.prototype.profile = null;

        /**
         * Creates a new MessageRequestResponse instance using the specified properties.
         * @function create
         * @memberof signalservice.MessageRequestResponse
         * @static
         * @param {signalservice.MessageRequestResponse.$Properties=} [properties] Properties to set
         * @returns {signalservice.MessageRequestResponse} MessageRequestResponse instance
         * @type {{
         *   (properties: signalservice.MessageRequestResponse.$Shape): signalservice.MessageRequestResponse & signalservice.MessageRequestResponse.$Shape;
         *   (properties?: signalservice.MessageRequestResponse.$Properties): signalservice.MessageRequestResponse;
         * }}
         */
        MessageRequestResponse.create = function(properties) {
            return new MessageRequestResponse(properties);
        };

        /**
         * Encodes the specified MessageRequestResponse message. Does not implicitly {@link signalservice.MessageRequestResponse.verify|verify} messages.
         * @function encode
         * @memberof signalservice.MessageRequestResponse
         * @static
         * @param {signalservice.MessageRequestResponse.$Properties} message MessageRequestResponse message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        MessageRequestResponse.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).bool(message.isApproved);
            if (message.profileKey != null && $Object.hasOwnProperty.call(message, "profileKey"))
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.profileKey);
            if (message.profile != null && $Object.hasOwnProperty.call(message, "profile"))
                $root.signalservice.LokiProfile.encode(message.profile, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a MessageRequestResponse message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.MessageRequestResponse
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.MessageRequestResponse & signalservice.MessageRequestResponse.$Shape} MessageRequestResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        MessageRequestResponse.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.MessageRequestResponse();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        message.isApproved = reader.bool();
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.profileKey = reader.bytes();
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.profile = $root.signalservice.LokiProfile.decode(reader, reader.size(), $undefined, _depth + 1, message.profile);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "isApproved"))
                throw $util.ProtocolError("missing required 'isApproved'", { instance: message });
            return message;
        };

        /**
         * Verifies a MessageRequestResponse message.
         * @function verify
         * @memberof signalservice.MessageRequestResponse
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        MessageRequestResponse.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (typeof message.isApproved !== "boolean")
                return "isApproved: boolean expected";
            if (message.profileKey != null && $Object.hasOwnProperty.call(message, "profileKey"))
                if (!(message.profileKey && typeof message.profileKey.length === "number" || $util.isString(message.profileKey)))
                    return "profileKey: buffer expected";
            if (message.profile != null && $Object.hasOwnProperty.call(message, "profile")) {
                var error = $root.signalservice.LokiProfile.verify(message.profile, _depth + 1);
                if (error)
                    return "profile." + error;
            }
            return null;
        };

        /**
         * Gets the type url for MessageRequestResponse
         * @function getTypeUrl
         * @memberof signalservice.MessageRequestResponse
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        MessageRequestResponse.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.MessageRequestResponse";
        };

        return MessageRequestResponse;
    })();

    signalservice.DataExtractionNotification = (function() {

        /**
         * Properties of a DataExtractionNotification.
         * @typedef {Object} signalservice.DataExtractionNotification.$Properties
         * @property {signalservice.DataExtractionNotification.Type} type DataExtractionNotification type
         * @property {number|null} [timestamp] DataExtractionNotification timestamp
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DataExtractionNotification.
         * @memberof signalservice
         * @interface IDataExtractionNotification
         * @augments signalservice.DataExtractionNotification.$Properties
         * @deprecated Use signalservice.DataExtractionNotification.$Properties instead.
         */

        /**
         * Shape of a DataExtractionNotification.
         * @typedef {signalservice.DataExtractionNotification.$Properties} signalservice.DataExtractionNotification.$Shape
         */

        /**
         * Constructs a new DataExtractionNotification.
         * @memberof signalservice
         * @classdesc Represents a DataExtractionNotification.
         * @constructor
         * @param {signalservice.DataExtractionNotification.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var DataExtractionNotification = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * DataExtractionNotification type.
         * @member {signalservice.DataExtractionNotification.Type} type
         * @memberof signalservice.DataExtractionNotification
         * @instance
         */
        DataExtractionNotification.prototype.type = 1;

        /**
         * DataExtractionNotification timestamp.
         * @member {number} timestamp
         * @memberof signalservice.DataExtractionNotification
         * @instance
         */
        DataExtractionNotification.prototype.timestamp = 0;

        /**
         * Creates a new DataExtractionNotification instance using the specified properties.
         * @function create
         * @memberof signalservice.DataExtractionNotification
         * @static
         * @param {signalservice.DataExtractionNotification.$Properties=} [properties] Properties to set
         * @returns {signalservice.DataExtractionNotification} DataExtractionNotification instance
         * @type {{
         *   (properties: signalservice.DataExtractionNotification.$Shape): signalservice.DataExtractionNotification & signalservice.DataExtractionNotification.$Shape;
         *   (properties?: signalservice.DataExtractionNotification.$Properties): signalservice.DataExtractionNotification;
         * }}
         */
        DataExtractionNotification.create = function(properties) {
            return new DataExtractionNotification(properties);
        };

        /**
         * Encodes the specified DataExtractionNotification message. Does not implicitly {@link signalservice.DataExtractionNotification.verify|verify} messages.
         * @function encode
         * @memberof signalservice.DataExtractionNotification
         * @static
         * @param {signalservice.DataExtractionNotification.$Properties} message DataExtractionNotification message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DataExtractionNotification.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp"))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.timestamp);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a DataExtractionNotification message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.DataExtractionNotification
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.DataExtractionNotification & signalservice.DataExtractionNotification.$Shape} DataExtractionNotification
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DataExtractionNotification.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.DataExtractionNotification();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.DataExtractionNotification.Type[value] !== $undefined)
                            message.type = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        message.timestamp = $toNumber(reader.uint64());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "type"))
                throw $util.ProtocolError("missing required 'type'", { instance: message });
            return message;
        };

        /**
         * Verifies a DataExtractionNotification message.
         * @function verify
         * @memberof signalservice.DataExtractionNotification
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        DataExtractionNotification.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            switch (message.type) {
            default:
                return "type: enum value expected";
            case 1:
            case 2:
                break;
            }
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp"))
                if (!$util.isInteger(message.timestamp) && !(message.timestamp && $util.isInteger(message.timestamp.low) && $util.isInteger(message.timestamp.high)))
                    return "timestamp: integer|Long expected";
            return null;
        };

        /**
         * Gets the type url for DataExtractionNotification
         * @function getTypeUrl
         * @memberof signalservice.DataExtractionNotification
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        DataExtractionNotification.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.DataExtractionNotification";
        };

        /**
         * Type enum.
         * @name signalservice.DataExtractionNotification.Type
         * @enum {number}
         * @property {number} SCREENSHOT=1 SCREENSHOT value
         * @property {number} MEDIA_SAVED=2 MEDIA_SAVED value
         */
        DataExtractionNotification.Type = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[1] = "SCREENSHOT"] = 1;
            values[valuesById[2] = "MEDIA_SAVED"] = 2;
            return values;
        })();

        return DataExtractionNotification;
    })();

    signalservice.CallMessage = (function() {

        /**
         * Properties of a CallMessage.
         * @typedef {Object} signalservice.CallMessage.$Properties
         * @property {signalservice.CallMessage.Type} type CallMessage type
         * @property {Array.<string>|null} [sdps] CallMessage sdps
         * @property {Array.<number>|null} [sdpMLineIndexes] CallMessage sdpMLineIndexes
         * @property {Array.<string>|null} [sdpMids] CallMessage sdpMids
         * @property {string} uuid CallMessage uuid
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CallMessage.
         * @memberof signalservice
         * @interface ICallMessage
         * @augments signalservice.CallMessage.$Properties
         * @deprecated Use signalservice.CallMessage.$Properties instead.
         */

        /**
         * Shape of a CallMessage.
         * @typedef {signalservice.CallMessage.$Properties} signalservice.CallMessage.$Shape
         */

        /**
         * Constructs a new CallMessage.
         * @memberof signalservice
         * @classdesc Represents a CallMessage.
         * @constructor
         * @param {signalservice.CallMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var CallMessage = function (properties) {
            this.sdps = [];
            this.sdpMLineIndexes = [];
            this.sdpMids = [];
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * CallMessage type.
         * @member {signalservice.CallMessage.Type} type
         * @memberof signalservice.CallMessage
         * @instance
         */
        CallMessage.prototype.type = 6;

        /**
         * CallMessage sdps.
         * @member {Array.<string>} sdps
         * @memberof signalservice.CallMessage
         * @instance
         */
        CallMessage.prototype.sdps = $util.emptyArray;

        /**
         * CallMessage sdpMLineIndexes.
         * @member {Array.<number>} sdpMLineIndexes
         * @memberof signalservice.CallMessage
         * @instance
         */
        CallMessage.prototype.sdpMLineIndexes = $util.emptyArray;

        /**
         * CallMessage sdpMids.
         * @member {Array.<string>} sdpMids
         * @memberof signalservice.CallMessage
         * @instance
         */
        CallMessage.prototype.sdpMids = $util.emptyArray;

        /**
         * CallMessage uuid.
         * @member {string} uuid
         * @memberof signalservice.CallMessage
         * @instance
         */
        CallMessage.prototype.uuid = "";

        /**
         * Creates a new CallMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.CallMessage
         * @static
         * @param {signalservice.CallMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.CallMessage} CallMessage instance
         * @type {{
         *   (properties: signalservice.CallMessage.$Shape): signalservice.CallMessage & signalservice.CallMessage.$Shape;
         *   (properties?: signalservice.CallMessage.$Properties): signalservice.CallMessage;
         * }}
         */
        CallMessage.create = function(properties) {
            return new CallMessage(properties);
        };

        /**
         * Encodes the specified CallMessage message. Does not implicitly {@link signalservice.CallMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.CallMessage
         * @static
         * @param {signalservice.CallMessage.$Properties} message CallMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CallMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
            if (message.sdps != null && message.sdps.length)
                for (var i = 0; i < message.sdps.length; ++i)
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.sdps[i]);
            if (message.sdpMLineIndexes != null && message.sdpMLineIndexes.length)
                for (var i = 0; i < message.sdpMLineIndexes.length; ++i)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.sdpMLineIndexes[i]);
            if (message.sdpMids != null && message.sdpMids.length)
                for (var i = 0; i < message.sdpMids.length; ++i)
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.sdpMids[i]);
            writer.uint32(/* id 5, wireType 2 =*/42).string(message.uuid);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a CallMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.CallMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.CallMessage & signalservice.CallMessage.$Shape} CallMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CallMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.CallMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.CallMessage.Type[value] !== $undefined)
                            message.type = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.sdps && message.sdps.length))
                            message.sdps = [];
                        message.sdps.push(reader.string());
                        continue;
                    }
                case 3: {
                        if (wireType === 2) {
                            if (!(message.sdpMLineIndexes && message.sdpMLineIndexes.length))
                                message.sdpMLineIndexes = [];
                            reader.uint32s(message.sdpMLineIndexes);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.sdpMLineIndexes && message.sdpMLineIndexes.length))
                            message.sdpMLineIndexes = [];
                        message.sdpMLineIndexes.push(reader.uint32());
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if (!(message.sdpMids && message.sdpMids.length))
                            message.sdpMids = [];
                        message.sdpMids.push(reader.string());
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        message.uuid = reader.string();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "type"))
                throw $util.ProtocolError("missing required 'type'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "uuid"))
                throw $util.ProtocolError("missing required 'uuid'", { instance: message });
            return message;
        };

        /**
         * Verifies a CallMessage message.
         * @function verify
         * @memberof signalservice.CallMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        CallMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            switch (message.type) {
            default:
                return "type: enum value expected";
            case 6:
            case 1:
            case 2:
            case 3:
            case 4:
            case 5:
                break;
            }
            if (message.sdps != null && $Object.hasOwnProperty.call(message, "sdps")) {
                if (!$Array.isArray(message.sdps))
                    return "sdps: array expected";
                for (var i = 0; i < message.sdps.length; ++i)
                    if (!$util.isString(message.sdps[i]))
                        return "sdps: string[] expected";
            }
            if (message.sdpMLineIndexes != null && $Object.hasOwnProperty.call(message, "sdpMLineIndexes")) {
                if (!$Array.isArray(message.sdpMLineIndexes))
                    return "sdpMLineIndexes: array expected";
                for (var i = 0; i < message.sdpMLineIndexes.length; ++i)
                    if (!$util.isInteger(message.sdpMLineIndexes[i]))
                        return "sdpMLineIndexes: integer[] expected";
            }
            if (message.sdpMids != null && $Object.hasOwnProperty.call(message, "sdpMids")) {
                if (!$Array.isArray(message.sdpMids))
                    return "sdpMids: array expected";
                for (var i = 0; i < message.sdpMids.length; ++i)
                    if (!$util.isString(message.sdpMids[i]))
                        return "sdpMids: string[] expected";
            }
            if (!$util.isString(message.uuid))
                return "uuid: string expected";
            return null;
        };

        /**
         * Gets the type url for CallMessage
         * @function getTypeUrl
         * @memberof signalservice.CallMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CallMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.CallMessage";
        };

        /**
         * Type enum.
         * @name signalservice.CallMessage.Type
         * @enum {number}
         * @property {number} PRE_OFFER=6 PRE_OFFER value
         * @property {number} OFFER=1 OFFER value
         * @property {number} ANSWER=2 ANSWER value
         * @property {number} PROVISIONAL_ANSWER=3 PROVISIONAL_ANSWER value
         * @property {number} ICE_CANDIDATES=4 ICE_CANDIDATES value
         * @property {number} END_CALL=5 END_CALL value
         */
        CallMessage.Type = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[6] = "PRE_OFFER"] = 6;
            values[valuesById[1] = "OFFER"] = 1;
            values[valuesById[2] = "ANSWER"] = 2;
            values[valuesById[3] = "PROVISIONAL_ANSWER"] = 3;
            values[valuesById[4] = "ICE_CANDIDATES"] = 4;
            values[valuesById[5] = "END_CALL"] = 5;
            return values;
        })();

        return CallMessage;
    })();

    signalservice.SharedConfigMessage = (function() {

        /**
         * Properties of a SharedConfigMessage.
         * @typedef {Object} signalservice.SharedConfigMessage.$Properties
         * @property {signalservice.SharedConfigMessage.Kind} kind SharedConfigMessage kind
         * @property {number} seqno SharedConfigMessage seqno
         * @property {Uint8Array} data SharedConfigMessage data
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SharedConfigMessage.
         * @memberof signalservice
         * @interface ISharedConfigMessage
         * @augments signalservice.SharedConfigMessage.$Properties
         * @deprecated Use signalservice.SharedConfigMessage.$Properties instead.
         */

        /**
         * Shape of a SharedConfigMessage.
         * @typedef {signalservice.SharedConfigMessage.$Properties} signalservice.SharedConfigMessage.$Shape
         */

        /**
         * Constructs a new SharedConfigMessage.
         * @memberof signalservice
         * @classdesc Represents a SharedConfigMessage.
         * @constructor
         * @param {signalservice.SharedConfigMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var SharedConfigMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SharedConfigMessage kind.
         * @member {signalservice.SharedConfigMessage.Kind} kind
         * @memberof signalservice.SharedConfigMessage
         * @instance
         */
        SharedConfigMessage.prototype.kind = 1;

        /**
         * SharedConfigMessage seqno.
         * @member {number} seqno
         * @memberof signalservice.SharedConfigMessage
         * @instance
         */
        SharedConfigMessage.prototype.seqno = 0;

        /**
         * SharedConfigMessage data.
         * @member {Uint8Array} data
         * @memberof signalservice.SharedConfigMessage
         * @instance
         */
        SharedConfigMessage.prototype.data = $util.newBuffer([]);

        /**
         * Creates a new SharedConfigMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.SharedConfigMessage
         * @static
         * @param {signalservice.SharedConfigMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.SharedConfigMessage} SharedConfigMessage instance
         * @type {{
         *   (properties: signalservice.SharedConfigMessage.$Shape): signalservice.SharedConfigMessage & signalservice.SharedConfigMessage.$Shape;
         *   (properties?: signalservice.SharedConfigMessage.$Properties): signalservice.SharedConfigMessage;
         * }}
         */
        SharedConfigMessage.create = function(properties) {
            return new SharedConfigMessage(properties);
        };

        /**
         * Encodes the specified SharedConfigMessage message. Does not implicitly {@link signalservice.SharedConfigMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.SharedConfigMessage
         * @static
         * @param {signalservice.SharedConfigMessage.$Properties} message SharedConfigMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SharedConfigMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
            writer.uint32(/* id 2, wireType 0 =*/16).int64(message.seqno);
            writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.data);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SharedConfigMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.SharedConfigMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.SharedConfigMessage & signalservice.SharedConfigMessage.$Shape} SharedConfigMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SharedConfigMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.SharedConfigMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.SharedConfigMessage.Kind[value] !== $undefined)
                            message.kind = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        message.seqno = $toNumber(reader.int64());
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.data = reader.bytes();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "kind"))
                throw $util.ProtocolError("missing required 'kind'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "seqno"))
                throw $util.ProtocolError("missing required 'seqno'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "data"))
                throw $util.ProtocolError("missing required 'data'", { instance: message });
            return message;
        };

        /**
         * Verifies a SharedConfigMessage message.
         * @function verify
         * @memberof signalservice.SharedConfigMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        SharedConfigMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            switch (message.kind) {
            default:
                return "kind: enum value expected";
            case 1:
            case 2:
            case 3:
            case 4:
                break;
            }
            if (!$util.isInteger(message.seqno) && !(message.seqno && $util.isInteger(message.seqno.low) && $util.isInteger(message.seqno.high)))
                return "seqno: integer|Long expected";
            if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                return "data: buffer expected";
            return null;
        };

        /**
         * Gets the type url for SharedConfigMessage
         * @function getTypeUrl
         * @memberof signalservice.SharedConfigMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        SharedConfigMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.SharedConfigMessage";
        };

        /**
         * Kind enum.
         * @name signalservice.SharedConfigMessage.Kind
         * @enum {number}
         * @property {number} USER_PROFILE=1 USER_PROFILE value
         * @property {number} CONTACTS=2 CONTACTS value
         * @property {number} CONVO_INFO_VOLATILE=3 CONVO_INFO_VOLATILE value
         * @property {number} USER_GROUPS=4 USER_GROUPS value
         */
        SharedConfigMessage.Kind = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[1] = "USER_PROFILE"] = 1;
            values[valuesById[2] = "CONTACTS"] = 2;
            values[valuesById[3] = "CONVO_INFO_VOLATILE"] = 3;
            values[valuesById[4] = "USER_GROUPS"] = 4;
            return values;
        })();

        return SharedConfigMessage;
    })();

    signalservice.GroupUpdateMessage = (function() {

        /**
         * Properties of a GroupUpdateMessage.
         * @typedef {Object} signalservice.GroupUpdateMessage.$Properties
         * @property {signalservice.GroupUpdateInviteMessage.$Properties|null} [inviteMessage] GroupUpdateMessage inviteMessage
         * @property {signalservice.GroupUpdateInfoChangeMessage.$Properties|null} [infoChangeMessage] GroupUpdateMessage infoChangeMessage
         * @property {signalservice.GroupUpdateMemberChangeMessage.$Properties|null} [memberChangeMessage] GroupUpdateMessage memberChangeMessage
         * @property {signalservice.GroupUpdatePromoteMessage.$Properties|null} [promoteMessage] GroupUpdateMessage promoteMessage
         * @property {signalservice.GroupUpdateMemberLeftMessage.$Properties|null} [memberLeftMessage] GroupUpdateMessage memberLeftMessage
         * @property {signalservice.GroupUpdateInviteResponseMessage.$Properties|null} [inviteResponse] GroupUpdateMessage inviteResponse
         * @property {signalservice.GroupUpdateDeleteMemberContentMessage.$Properties|null} [deleteMemberContent] GroupUpdateMessage deleteMemberContent
         * @property {signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties|null} [memberLeftNotificationMessage] GroupUpdateMessage memberLeftNotificationMessage
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdateMessage.
         * @memberof signalservice
         * @interface IGroupUpdateMessage
         * @augments signalservice.GroupUpdateMessage.$Properties
         * @deprecated Use signalservice.GroupUpdateMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdateMessage.
         * @typedef {signalservice.GroupUpdateMessage.$Properties} signalservice.GroupUpdateMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdateMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdateMessage.
         * @constructor
         * @param {signalservice.GroupUpdateMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdateMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * GroupUpdateMessage inviteMessage.
         * @member {signalservice.GroupUpdateInviteMessage.$Properties|null|undefined} inviteMessage
         * @memberof signalservice.GroupUpdateMessage
         * @instance
         */
        GroupUpdateMessage.prototype.inviteMessage = null;

        /**
         * GroupUpdateMessage infoChangeMessage.
         * @member {signalservice.GroupUpdateInfoChangeMessage.$Properties|null|undefined} infoChangeMessage
         * @memberof signalservice.GroupUpdateMessage
         * @instance
         */
        GroupUpdateMessage.prototype.infoChangeMessage = null;

        /**
         * GroupUpdateMessage memberChangeMessage.
         * @member {signalservice.GroupUpdateMemberChangeMessage.$Properties|null|undefined} memberChangeMessage
         * @memberof signalservice.GroupUpdateMessage
         * @instance
         */
        GroupUpdateMessage.prototype.memberChangeMessage = null;

        /**
         * GroupUpdateMessage promoteMessage.
         * @member {signalservice.GroupUpdatePromoteMessage.$Properties|null|undefined} promoteMessage
         * @memberof signalservice.GroupUpdateMessage
         * @instance
         */
        GroupUpdateMessage.prototype.promoteMessage = null;

        /**
         * GroupUpdateMessage memberLeftMessage.
         * @member {signalservice.GroupUpdateMemberLeftMessage.$Properties|null|undefined} memberLeftMessage
         * @memberof signalservice.GroupUpdateMessage
         * @instance
         */
        GroupUpdateMessage.prototype.memberLeftMessage = null;

        /**
         * GroupUpdateMessage inviteResponse.
         * @member {signalservice.GroupUpdateInviteResponseMessage.$Properties|null|undefined} inviteResponse
         * @memberof signalservice.GroupUpdateMessage
         * @instance
         */
        GroupUpdateMessage.prototype.inviteResponse = null;

        /**
         * GroupUpdateMessage deleteMemberContent.
         * @member {signalservice.GroupUpdateDeleteMemberContentMessage.$Properties|null|undefined} deleteMemberContent
         * @memberof signalservice.GroupUpdateMessage
         * @instance
         */
        GroupUpdateMessage.prototype.deleteMemberContent = null;

        /**
         * GroupUpdateMessage memberLeftNotificationMessage.
         * @member {signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties|null|undefined} memberLeftNotificationMessage
         * @memberof signalservice.GroupUpdateMessage
         * @instance
         */
        GroupUpdateMessage.prototype.memberLeftNotificationMessage = null;

        /**
         * Creates a new GroupUpdateMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdateMessage
         * @static
         * @param {signalservice.GroupUpdateMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdateMessage} GroupUpdateMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdateMessage.$Shape): signalservice.GroupUpdateMessage & signalservice.GroupUpdateMessage.$Shape;
         *   (properties?: signalservice.GroupUpdateMessage.$Properties): signalservice.GroupUpdateMessage;
         * }}
         */
        GroupUpdateMessage.create = function(properties) {
            return new GroupUpdateMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdateMessage message. Does not implicitly {@link signalservice.GroupUpdateMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdateMessage
         * @static
         * @param {signalservice.GroupUpdateMessage.$Properties} message GroupUpdateMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdateMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.inviteMessage != null && $Object.hasOwnProperty.call(message, "inviteMessage"))
                $root.signalservice.GroupUpdateInviteMessage.encode(message.inviteMessage, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.infoChangeMessage != null && $Object.hasOwnProperty.call(message, "infoChangeMessage"))
                $root.signalservice.GroupUpdateInfoChangeMessage.encode(message.infoChangeMessage, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.memberChangeMessage != null && $Object.hasOwnProperty.call(message, "memberChangeMessage"))
                $root.signalservice.GroupUpdateMemberChangeMessage.encode(message.memberChangeMessage, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.promoteMessage != null && $Object.hasOwnProperty.call(message, "promoteMessage"))
                $root.signalservice.GroupUpdatePromoteMessage.encode(message.promoteMessage, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.memberLeftMessage != null && $Object.hasOwnProperty.call(message, "memberLeftMessage"))
                $root.signalservice.GroupUpdateMemberLeftMessage.encode(message.memberLeftMessage, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
            if (message.inviteResponse != null && $Object.hasOwnProperty.call(message, "inviteResponse"))
                $root.signalservice.GroupUpdateInviteResponseMessage.encode(message.inviteResponse, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
            if (message.deleteMemberContent != null && $Object.hasOwnProperty.call(message, "deleteMemberContent"))
                $root.signalservice.GroupUpdateDeleteMemberContentMessage.encode(message.deleteMemberContent, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
            if (message.memberLeftNotificationMessage != null && $Object.hasOwnProperty.call(message, "memberLeftNotificationMessage"))
                $root.signalservice.GroupUpdateMemberLeftNotificationMessage.encode(message.memberLeftNotificationMessage, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdateMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdateMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateMessage & signalservice.GroupUpdateMessage.$Shape} GroupUpdateMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdateMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdateMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.inviteMessage = $root.signalservice.GroupUpdateInviteMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.inviteMessage);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.infoChangeMessage = $root.signalservice.GroupUpdateInfoChangeMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.infoChangeMessage);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.memberChangeMessage = $root.signalservice.GroupUpdateMemberChangeMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.memberChangeMessage);
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.promoteMessage = $root.signalservice.GroupUpdatePromoteMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.promoteMessage);
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        message.memberLeftMessage = $root.signalservice.GroupUpdateMemberLeftMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.memberLeftMessage);
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        message.inviteResponse = $root.signalservice.GroupUpdateInviteResponseMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.inviteResponse);
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        message.deleteMemberContent = $root.signalservice.GroupUpdateDeleteMemberContentMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.deleteMemberContent);
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        message.memberLeftNotificationMessage = $root.signalservice.GroupUpdateMemberLeftNotificationMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.memberLeftNotificationMessage);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a GroupUpdateMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdateMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdateMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.inviteMessage != null && $Object.hasOwnProperty.call(message, "inviteMessage")) {
                var error = $root.signalservice.GroupUpdateInviteMessage.verify(message.inviteMessage, _depth + 1);
                if (error)
                    return "inviteMessage." + error;
            }
            if (message.infoChangeMessage != null && $Object.hasOwnProperty.call(message, "infoChangeMessage")) {
                var error = $root.signalservice.GroupUpdateInfoChangeMessage.verify(message.infoChangeMessage, _depth + 1);
                if (error)
                    return "infoChangeMessage." + error;
            }
            if (message.memberChangeMessage != null && $Object.hasOwnProperty.call(message, "memberChangeMessage")) {
                var error = $root.signalservice.GroupUpdateMemberChangeMessage.verify(message.memberChangeMessage, _depth + 1);
                if (error)
                    return "memberChangeMessage." + error;
            }
            if (message.promoteMessage != null && $Object.hasOwnProperty.call(message, "promoteMessage")) {
                var error = $root.signalservice.GroupUpdatePromoteMessage.verify(message.promoteMessage, _depth + 1);
                if (error)
                    return "promoteMessage." + error;
            }
            if (message.memberLeftMessage != null && $Object.hasOwnProperty.call(message, "memberLeftMessage")) {
                var error = $root.signalservice.GroupUpdateMemberLeftMessage.verify(message.memberLeftMessage, _depth + 1);
                if (error)
                    return "memberLeftMessage." + error;
            }
            if (message.inviteResponse != null && $Object.hasOwnProperty.call(message, "inviteResponse")) {
                var error = $root.signalservice.GroupUpdateInviteResponseMessage.verify(message.inviteResponse, _depth + 1);
                if (error)
                    return "inviteResponse." + error;
            }
            if (message.deleteMemberContent != null && $Object.hasOwnProperty.call(message, "deleteMemberContent")) {
                var error = $root.signalservice.GroupUpdateDeleteMemberContentMessage.verify(message.deleteMemberContent, _depth + 1);
                if (error)
                    return "deleteMemberContent." + error;
            }
            if (message.memberLeftNotificationMessage != null && $Object.hasOwnProperty.call(message, "memberLeftNotificationMessage")) {
                var error = $root.signalservice.GroupUpdateMemberLeftNotificationMessage.verify(message.memberLeftNotificationMessage, _depth + 1);
                if (error)
                    return "memberLeftNotificationMessage." + error;
            }
            return null;
        };

        /**
         * Gets the type url for GroupUpdateMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdateMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdateMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdateMessage";
        };

        return GroupUpdateMessage;
    })();

    signalservice.GroupUpdateInviteMessage = (function() {

        /**
         * Properties of a GroupUpdateInviteMessage.
         * @typedef {Object} signalservice.GroupUpdateInviteMessage.$Properties
         * @property {string} groupSessionId GroupUpdateInviteMessage groupSessionId
         * @property {string} name GroupUpdateInviteMessage name
         * @property {Uint8Array} memberAuthData GroupUpdateInviteMessage memberAuthData
         * @property {Uint8Array} adminSignature GroupUpdateInviteMessage adminSignature
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdateInviteMessage.
         * @memberof signalservice
         * @interface IGroupUpdateInviteMessage
         * @augments signalservice.GroupUpdateInviteMessage.$Properties
         * @deprecated Use signalservice.GroupUpdateInviteMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdateInviteMessage.
         * @typedef {signalservice.GroupUpdateInviteMessage.$Properties} signalservice.GroupUpdateInviteMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdateInviteMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdateInviteMessage.
         * @constructor
         * @param {signalservice.GroupUpdateInviteMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdateInviteMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * GroupUpdateInviteMessage groupSessionId.
         * @member {string} groupSessionId
         * @memberof signalservice.GroupUpdateInviteMessage
         * @instance
         */
        GroupUpdateInviteMessage.prototype.groupSessionId = "";

        /**
         * GroupUpdateInviteMessage name.
         * @member {string} name
         * @memberof signalservice.GroupUpdateInviteMessage
         * @instance
         */
        GroupUpdateInviteMessage.prototype.name = "";

        /**
         * GroupUpdateInviteMessage memberAuthData.
         * @member {Uint8Array} memberAuthData
         * @memberof signalservice.GroupUpdateInviteMessage
         * @instance
         */
        GroupUpdateInviteMessage.prototype.memberAuthData = $util.newBuffer([]);

        /**
         * GroupUpdateInviteMessage adminSignature.
         * @member {Uint8Array} adminSignature
         * @memberof signalservice.GroupUpdateInviteMessage
         * @instance
         */
        GroupUpdateInviteMessage.prototype.adminSignature = $util.newBuffer([]);

        /**
         * Creates a new GroupUpdateInviteMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdateInviteMessage
         * @static
         * @param {signalservice.GroupUpdateInviteMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdateInviteMessage} GroupUpdateInviteMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdateInviteMessage.$Shape): signalservice.GroupUpdateInviteMessage & signalservice.GroupUpdateInviteMessage.$Shape;
         *   (properties?: signalservice.GroupUpdateInviteMessage.$Properties): signalservice.GroupUpdateInviteMessage;
         * }}
         */
        GroupUpdateInviteMessage.create = function(properties) {
            return new GroupUpdateInviteMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdateInviteMessage message. Does not implicitly {@link signalservice.GroupUpdateInviteMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdateInviteMessage
         * @static
         * @param {signalservice.GroupUpdateInviteMessage.$Properties} message GroupUpdateInviteMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdateInviteMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 2 =*/10).string(message.groupSessionId);
            writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
            writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.memberAuthData);
            writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.adminSignature);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdateInviteMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdateInviteMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateInviteMessage & signalservice.GroupUpdateInviteMessage.$Shape} GroupUpdateInviteMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdateInviteMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdateInviteMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.groupSessionId = reader.string();
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.name = reader.string();
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.memberAuthData = reader.bytes();
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.adminSignature = reader.bytes();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "groupSessionId"))
                throw $util.ProtocolError("missing required 'groupSessionId'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "name"))
                throw $util.ProtocolError("missing required 'name'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "memberAuthData"))
                throw $util.ProtocolError("missing required 'memberAuthData'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "adminSignature"))
                throw $util.ProtocolError("missing required 'adminSignature'", { instance: message });
            return message;
        };

        /**
         * Verifies a GroupUpdateInviteMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdateInviteMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdateInviteMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (!$util.isString(message.groupSessionId))
                return "groupSessionId: string expected";
            if (!$util.isString(message.name))
                return "name: string expected";
            if (!(message.memberAuthData && typeof message.memberAuthData.length === "number" || $util.isString(message.memberAuthData)))
                return "memberAuthData: buffer expected";
            if (!(message.adminSignature && typeof message.adminSignature.length === "number" || $util.isString(message.adminSignature)))
                return "adminSignature: buffer expected";
            return null;
        };

        /**
         * Gets the type url for GroupUpdateInviteMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdateInviteMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdateInviteMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdateInviteMessage";
        };

        return GroupUpdateInviteMessage;
    })();

    signalservice.GroupUpdatePromoteMessage = (function() {

        /**
         * Properties of a GroupUpdatePromoteMessage.
         * @typedef {Object} signalservice.GroupUpdatePromoteMessage.$Properties
         * @property {Uint8Array} groupIdentitySeed GroupUpdatePromoteMessage groupIdentitySeed
         * @property {string} name GroupUpdatePromoteMessage name
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdatePromoteMessage.
         * @memberof signalservice
         * @interface IGroupUpdatePromoteMessage
         * @augments signalservice.GroupUpdatePromoteMessage.$Properties
         * @deprecated Use signalservice.GroupUpdatePromoteMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdatePromoteMessage.
         * @typedef {signalservice.GroupUpdatePromoteMessage.$Properties} signalservice.GroupUpdatePromoteMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdatePromoteMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdatePromoteMessage.
         * @constructor
         * @param {signalservice.GroupUpdatePromoteMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdatePromoteMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * GroupUpdatePromoteMessage groupIdentitySeed.
         * @member {Uint8Array} groupIdentitySeed
         * @memberof signalservice.GroupUpdatePromoteMessage
         * @instance
         */
        GroupUpdatePromoteMessage.prototype.groupIdentitySeed = $util.newBuffer([]);

        /**
         * GroupUpdatePromoteMessage name.
         * @member {string} name
         * @memberof signalservice.GroupUpdatePromoteMessage
         * @instance
         */
        GroupUpdatePromoteMessage.prototype.name = "";

        /**
         * Creates a new GroupUpdatePromoteMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdatePromoteMessage
         * @static
         * @param {signalservice.GroupUpdatePromoteMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdatePromoteMessage} GroupUpdatePromoteMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdatePromoteMessage.$Shape): signalservice.GroupUpdatePromoteMessage & signalservice.GroupUpdatePromoteMessage.$Shape;
         *   (properties?: signalservice.GroupUpdatePromoteMessage.$Properties): signalservice.GroupUpdatePromoteMessage;
         * }}
         */
        GroupUpdatePromoteMessage.create = function(properties) {
            return new GroupUpdatePromoteMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdatePromoteMessage message. Does not implicitly {@link signalservice.GroupUpdatePromoteMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdatePromoteMessage
         * @static
         * @param {signalservice.GroupUpdatePromoteMessage.$Properties} message GroupUpdatePromoteMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdatePromoteMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.groupIdentitySeed);
            writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdatePromoteMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdatePromoteMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdatePromoteMessage & signalservice.GroupUpdatePromoteMessage.$Shape} GroupUpdatePromoteMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdatePromoteMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdatePromoteMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.groupIdentitySeed = reader.bytes();
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.name = reader.string();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "groupIdentitySeed"))
                throw $util.ProtocolError("missing required 'groupIdentitySeed'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "name"))
                throw $util.ProtocolError("missing required 'name'", { instance: message });
            return message;
        };

        /**
         * Verifies a GroupUpdatePromoteMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdatePromoteMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdatePromoteMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (!(message.groupIdentitySeed && typeof message.groupIdentitySeed.length === "number" || $util.isString(message.groupIdentitySeed)))
                return "groupIdentitySeed: buffer expected";
            if (!$util.isString(message.name))
                return "name: string expected";
            return null;
        };

        /**
         * Gets the type url for GroupUpdatePromoteMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdatePromoteMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdatePromoteMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdatePromoteMessage";
        };

        return GroupUpdatePromoteMessage;
    })();

    signalservice.GroupUpdateInfoChangeMessage = (function() {

        /**
         * Properties of a GroupUpdateInfoChangeMessage.
         * @typedef {Object} signalservice.GroupUpdateInfoChangeMessage.$Properties
         * @property {signalservice.GroupUpdateInfoChangeMessage.Type} type GroupUpdateInfoChangeMessage type
         * @property {string|null} [updatedName] GroupUpdateInfoChangeMessage updatedName
         * @property {number|null} [updatedExpiration] GroupUpdateInfoChangeMessage updatedExpiration
         * @property {Uint8Array} adminSignature GroupUpdateInfoChangeMessage adminSignature
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdateInfoChangeMessage.
         * @memberof signalservice
         * @interface IGroupUpdateInfoChangeMessage
         * @augments signalservice.GroupUpdateInfoChangeMessage.$Properties
         * @deprecated Use signalservice.GroupUpdateInfoChangeMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdateInfoChangeMessage.
         * @typedef {signalservice.GroupUpdateInfoChangeMessage.$Properties} signalservice.GroupUpdateInfoChangeMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdateInfoChangeMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdateInfoChangeMessage.
         * @constructor
         * @param {signalservice.GroupUpdateInfoChangeMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdateInfoChangeMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * GroupUpdateInfoChangeMessage type.
         * @member {signalservice.GroupUpdateInfoChangeMessage.Type} type
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @instance
         */
        GroupUpdateInfoChangeMessage.prototype.type = 1;

        /**
         * GroupUpdateInfoChangeMessage updatedName.
         * @member {string} updatedName
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @instance
         */
        GroupUpdateInfoChangeMessage.prototype.updatedName = "";

        /**
         * GroupUpdateInfoChangeMessage updatedExpiration.
         * @member {number} updatedExpiration
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @instance
         */
        GroupUpdateInfoChangeMessage.prototype.updatedExpiration = 0;

        /**
         * GroupUpdateInfoChangeMessage adminSignature.
         * @member {Uint8Array} adminSignature
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @instance
         */
        GroupUpdateInfoChangeMessage.prototype.adminSignature = $util.newBuffer([]);

        /**
         * Creates a new GroupUpdateInfoChangeMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @static
         * @param {signalservice.GroupUpdateInfoChangeMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdateInfoChangeMessage} GroupUpdateInfoChangeMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdateInfoChangeMessage.$Shape): signalservice.GroupUpdateInfoChangeMessage & signalservice.GroupUpdateInfoChangeMessage.$Shape;
         *   (properties?: signalservice.GroupUpdateInfoChangeMessage.$Properties): signalservice.GroupUpdateInfoChangeMessage;
         * }}
         */
        GroupUpdateInfoChangeMessage.create = function(properties) {
            return new GroupUpdateInfoChangeMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdateInfoChangeMessage message. Does not implicitly {@link signalservice.GroupUpdateInfoChangeMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @static
         * @param {signalservice.GroupUpdateInfoChangeMessage.$Properties} message GroupUpdateInfoChangeMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdateInfoChangeMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
            if (message.updatedName != null && $Object.hasOwnProperty.call(message, "updatedName"))
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.updatedName);
            if (message.updatedExpiration != null && $Object.hasOwnProperty.call(message, "updatedExpiration"))
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.updatedExpiration);
            writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.adminSignature);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdateInfoChangeMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateInfoChangeMessage & signalservice.GroupUpdateInfoChangeMessage.$Shape} GroupUpdateInfoChangeMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdateInfoChangeMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdateInfoChangeMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.GroupUpdateInfoChangeMessage.Type[value] !== $undefined)
                            message.type = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.updatedName = reader.string();
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        message.updatedExpiration = reader.uint32();
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.adminSignature = reader.bytes();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "type"))
                throw $util.ProtocolError("missing required 'type'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "adminSignature"))
                throw $util.ProtocolError("missing required 'adminSignature'", { instance: message });
            return message;
        };

        /**
         * Verifies a GroupUpdateInfoChangeMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdateInfoChangeMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            switch (message.type) {
            default:
                return "type: enum value expected";
            case 1:
            case 2:
            case 3:
                break;
            }
            if (message.updatedName != null && $Object.hasOwnProperty.call(message, "updatedName"))
                if (!$util.isString(message.updatedName))
                    return "updatedName: string expected";
            if (message.updatedExpiration != null && $Object.hasOwnProperty.call(message, "updatedExpiration"))
                if (!$util.isInteger(message.updatedExpiration))
                    return "updatedExpiration: integer expected";
            if (!(message.adminSignature && typeof message.adminSignature.length === "number" || $util.isString(message.adminSignature)))
                return "adminSignature: buffer expected";
            return null;
        };

        /**
         * Gets the type url for GroupUpdateInfoChangeMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdateInfoChangeMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdateInfoChangeMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdateInfoChangeMessage";
        };

        /**
         * Type enum.
         * @name signalservice.GroupUpdateInfoChangeMessage.Type
         * @enum {number}
         * @property {number} NAME=1 NAME value
         * @property {number} AVATAR=2 AVATAR value
         * @property {number} DISAPPEARING_MESSAGES=3 DISAPPEARING_MESSAGES value
         */
        GroupUpdateInfoChangeMessage.Type = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[1] = "NAME"] = 1;
            values[valuesById[2] = "AVATAR"] = 2;
            values[valuesById[3] = "DISAPPEARING_MESSAGES"] = 3;
            return values;
        })();

        return GroupUpdateInfoChangeMessage;
    })();

    signalservice.GroupUpdateMemberChangeMessage = (function() {

        /**
         * Properties of a GroupUpdateMemberChangeMessage.
         * @typedef {Object} signalservice.GroupUpdateMemberChangeMessage.$Properties
         * @property {signalservice.GroupUpdateMemberChangeMessage.Type} type GroupUpdateMemberChangeMessage type
         * @property {Array.<string>|null} [memberSessionIds] GroupUpdateMemberChangeMessage memberSessionIds
         * @property {boolean|null} [historyShared] GroupUpdateMemberChangeMessage historyShared
         * @property {Uint8Array} adminSignature GroupUpdateMemberChangeMessage adminSignature
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdateMemberChangeMessage.
         * @memberof signalservice
         * @interface IGroupUpdateMemberChangeMessage
         * @augments signalservice.GroupUpdateMemberChangeMessage.$Properties
         * @deprecated Use signalservice.GroupUpdateMemberChangeMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdateMemberChangeMessage.
         * @typedef {signalservice.GroupUpdateMemberChangeMessage.$Properties} signalservice.GroupUpdateMemberChangeMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdateMemberChangeMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdateMemberChangeMessage.
         * @constructor
         * @param {signalservice.GroupUpdateMemberChangeMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdateMemberChangeMessage = function (properties) {
            this.memberSessionIds = [];
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * GroupUpdateMemberChangeMessage type.
         * @member {signalservice.GroupUpdateMemberChangeMessage.Type} type
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @instance
         */
        GroupUpdateMemberChangeMessage.prototype.type = 1;

        /**
         * GroupUpdateMemberChangeMessage memberSessionIds.
         * @member {Array.<string>} memberSessionIds
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @instance
         */
        GroupUpdateMemberChangeMessage.prototype.memberSessionIds = $util.emptyArray;

        /**
         * GroupUpdateMemberChangeMessage historyShared.
         * @member {boolean} historyShared
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @instance
         */
        GroupUpdateMemberChangeMessage.prototype.historyShared = false;

        /**
         * GroupUpdateMemberChangeMessage adminSignature.
         * @member {Uint8Array} adminSignature
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @instance
         */
        GroupUpdateMemberChangeMessage.prototype.adminSignature = $util.newBuffer([]);

        /**
         * Creates a new GroupUpdateMemberChangeMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @static
         * @param {signalservice.GroupUpdateMemberChangeMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdateMemberChangeMessage} GroupUpdateMemberChangeMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdateMemberChangeMessage.$Shape): signalservice.GroupUpdateMemberChangeMessage & signalservice.GroupUpdateMemberChangeMessage.$Shape;
         *   (properties?: signalservice.GroupUpdateMemberChangeMessage.$Properties): signalservice.GroupUpdateMemberChangeMessage;
         * }}
         */
        GroupUpdateMemberChangeMessage.create = function(properties) {
            return new GroupUpdateMemberChangeMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdateMemberChangeMessage message. Does not implicitly {@link signalservice.GroupUpdateMemberChangeMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @static
         * @param {signalservice.GroupUpdateMemberChangeMessage.$Properties} message GroupUpdateMemberChangeMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdateMemberChangeMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
            if (message.memberSessionIds != null && message.memberSessionIds.length)
                for (var i = 0; i < message.memberSessionIds.length; ++i)
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.memberSessionIds[i]);
            if (message.historyShared != null && $Object.hasOwnProperty.call(message, "historyShared"))
                writer.uint32(/* id 3, wireType 0 =*/24).bool(message.historyShared);
            writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.adminSignature);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdateMemberChangeMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateMemberChangeMessage & signalservice.GroupUpdateMemberChangeMessage.$Shape} GroupUpdateMemberChangeMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdateMemberChangeMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdateMemberChangeMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        value = reader.int32();
                        if ($root.signalservice.GroupUpdateMemberChangeMessage.Type[value] !== $undefined)
                            message.type = value;
                        else if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.memberSessionIds && message.memberSessionIds.length))
                            message.memberSessionIds = [];
                        message.memberSessionIds.push(reader.string());
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        message.historyShared = reader.bool();
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.adminSignature = reader.bytes();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "type"))
                throw $util.ProtocolError("missing required 'type'", { instance: message });
            if (!$Object.hasOwnProperty.call(message, "adminSignature"))
                throw $util.ProtocolError("missing required 'adminSignature'", { instance: message });
            return message;
        };

        /**
         * Verifies a GroupUpdateMemberChangeMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdateMemberChangeMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            switch (message.type) {
            default:
                return "type: enum value expected";
            case 1:
            case 2:
            case 3:
                break;
            }
            if (message.memberSessionIds != null && $Object.hasOwnProperty.call(message, "memberSessionIds")) {
                if (!$Array.isArray(message.memberSessionIds))
                    return "memberSessionIds: array expected";
                for (var i = 0; i < message.memberSessionIds.length; ++i)
                    if (!$util.isString(message.memberSessionIds[i]))
                        return "memberSessionIds: string[] expected";
            }
            if (message.historyShared != null && $Object.hasOwnProperty.call(message, "historyShared"))
                if (typeof message.historyShared !== "boolean")
                    return "historyShared: boolean expected";
            if (!(message.adminSignature && typeof message.adminSignature.length === "number" || $util.isString(message.adminSignature)))
                return "adminSignature: buffer expected";
            return null;
        };

        /**
         * Gets the type url for GroupUpdateMemberChangeMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdateMemberChangeMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdateMemberChangeMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdateMemberChangeMessage";
        };

        /**
         * Type enum.
         * @name signalservice.GroupUpdateMemberChangeMessage.Type
         * @enum {number}
         * @property {number} ADDED=1 ADDED value
         * @property {number} REMOVED=2 REMOVED value
         * @property {number} PROMOTED=3 PROMOTED value
         */
        GroupUpdateMemberChangeMessage.Type = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[1] = "ADDED"] = 1;
            values[valuesById[2] = "REMOVED"] = 2;
            values[valuesById[3] = "PROMOTED"] = 3;
            return values;
        })();

        return GroupUpdateMemberChangeMessage;
    })();

    signalservice.GroupUpdateMemberLeftMessage = (function() {

        /**
         * Properties of a GroupUpdateMemberLeftMessage.
         * @typedef {Object} signalservice.GroupUpdateMemberLeftMessage.$Properties
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdateMemberLeftMessage.
         * @memberof signalservice
         * @interface IGroupUpdateMemberLeftMessage
         * @augments signalservice.GroupUpdateMemberLeftMessage.$Properties
         * @deprecated Use signalservice.GroupUpdateMemberLeftMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdateMemberLeftMessage.
         * @typedef {signalservice.GroupUpdateMemberLeftMessage.$Properties} signalservice.GroupUpdateMemberLeftMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdateMemberLeftMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdateMemberLeftMessage.
         * @constructor
         * @param {signalservice.GroupUpdateMemberLeftMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdateMemberLeftMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Creates a new GroupUpdateMemberLeftMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdateMemberLeftMessage
         * @static
         * @param {signalservice.GroupUpdateMemberLeftMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdateMemberLeftMessage} GroupUpdateMemberLeftMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdateMemberLeftMessage.$Shape): signalservice.GroupUpdateMemberLeftMessage & signalservice.GroupUpdateMemberLeftMessage.$Shape;
         *   (properties?: signalservice.GroupUpdateMemberLeftMessage.$Properties): signalservice.GroupUpdateMemberLeftMessage;
         * }}
         */
        GroupUpdateMemberLeftMessage.create = function(properties) {
            return new GroupUpdateMemberLeftMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdateMemberLeftMessage message. Does not implicitly {@link signalservice.GroupUpdateMemberLeftMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdateMemberLeftMessage
         * @static
         * @param {signalservice.GroupUpdateMemberLeftMessage.$Properties} message GroupUpdateMemberLeftMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdateMemberLeftMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdateMemberLeftMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdateMemberLeftMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateMemberLeftMessage & signalservice.GroupUpdateMemberLeftMessage.$Shape} GroupUpdateMemberLeftMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdateMemberLeftMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdateMemberLeftMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                reader.skipType(tag & 7, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a GroupUpdateMemberLeftMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdateMemberLeftMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdateMemberLeftMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            return null;
        };

        /**
         * Gets the type url for GroupUpdateMemberLeftMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdateMemberLeftMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdateMemberLeftMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdateMemberLeftMessage";
        };

        return GroupUpdateMemberLeftMessage;
    })();

    signalservice.GroupUpdateMemberLeftNotificationMessage = (function() {

        /**
         * Properties of a GroupUpdateMemberLeftNotificationMessage.
         * @typedef {Object} signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdateMemberLeftNotificationMessage.
         * @memberof signalservice
         * @interface IGroupUpdateMemberLeftNotificationMessage
         * @augments signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties
         * @deprecated Use signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdateMemberLeftNotificationMessage.
         * @typedef {signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties} signalservice.GroupUpdateMemberLeftNotificationMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdateMemberLeftNotificationMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdateMemberLeftNotificationMessage.
         * @constructor
         * @param {signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdateMemberLeftNotificationMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Creates a new GroupUpdateMemberLeftNotificationMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdateMemberLeftNotificationMessage
         * @static
         * @param {signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdateMemberLeftNotificationMessage} GroupUpdateMemberLeftNotificationMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdateMemberLeftNotificationMessage.$Shape): signalservice.GroupUpdateMemberLeftNotificationMessage & signalservice.GroupUpdateMemberLeftNotificationMessage.$Shape;
         *   (properties?: signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties): signalservice.GroupUpdateMemberLeftNotificationMessage;
         * }}
         */
        GroupUpdateMemberLeftNotificationMessage.create = function(properties) {
            return new GroupUpdateMemberLeftNotificationMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdateMemberLeftNotificationMessage message. Does not implicitly {@link signalservice.GroupUpdateMemberLeftNotificationMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdateMemberLeftNotificationMessage
         * @static
         * @param {signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties} message GroupUpdateMemberLeftNotificationMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdateMemberLeftNotificationMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdateMemberLeftNotificationMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdateMemberLeftNotificationMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateMemberLeftNotificationMessage & signalservice.GroupUpdateMemberLeftNotificationMessage.$Shape} GroupUpdateMemberLeftNotificationMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdateMemberLeftNotificationMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdateMemberLeftNotificationMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                reader.skipType(tag & 7, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a GroupUpdateMemberLeftNotificationMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdateMemberLeftNotificationMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdateMemberLeftNotificationMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            return null;
        };

        /**
         * Gets the type url for GroupUpdateMemberLeftNotificationMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdateMemberLeftNotificationMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdateMemberLeftNotificationMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdateMemberLeftNotificationMessage";
        };

        return GroupUpdateMemberLeftNotificationMessage;
    })();

    signalservice.GroupUpdateInviteResponseMessage = (function() {

        /**
         * Properties of a GroupUpdateInviteResponseMessage.
         * @typedef {Object} signalservice.GroupUpdateInviteResponseMessage.$Properties
         * @property {boolean} isApproved GroupUpdateInviteResponseMessage isApproved
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdateInviteResponseMessage.
         * @memberof signalservice
         * @interface IGroupUpdateInviteResponseMessage
         * @augments signalservice.GroupUpdateInviteResponseMessage.$Properties
         * @deprecated Use signalservice.GroupUpdateInviteResponseMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdateInviteResponseMessage.
         * @typedef {signalservice.GroupUpdateInviteResponseMessage.$Properties} signalservice.GroupUpdateInviteResponseMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdateInviteResponseMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdateInviteResponseMessage.
         * @constructor
         * @param {signalservice.GroupUpdateInviteResponseMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdateInviteResponseMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * GroupUpdateInviteResponseMessage isApproved.
         * @member {boolean} isApproved
         * @memberof signalservice.GroupUpdateInviteResponseMessage
         * @instance
         */
        GroupUpdateInviteResponseMessage.prototype.isApproved = false;

        /**
         * Creates a new GroupUpdateInviteResponseMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdateInviteResponseMessage
         * @static
         * @param {signalservice.GroupUpdateInviteResponseMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdateInviteResponseMessage} GroupUpdateInviteResponseMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdateInviteResponseMessage.$Shape): signalservice.GroupUpdateInviteResponseMessage & signalservice.GroupUpdateInviteResponseMessage.$Shape;
         *   (properties?: signalservice.GroupUpdateInviteResponseMessage.$Properties): signalservice.GroupUpdateInviteResponseMessage;
         * }}
         */
        GroupUpdateInviteResponseMessage.create = function(properties) {
            return new GroupUpdateInviteResponseMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdateInviteResponseMessage message. Does not implicitly {@link signalservice.GroupUpdateInviteResponseMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdateInviteResponseMessage
         * @static
         * @param {signalservice.GroupUpdateInviteResponseMessage.$Properties} message GroupUpdateInviteResponseMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdateInviteResponseMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            writer.uint32(/* id 1, wireType 0 =*/8).bool(message.isApproved);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdateInviteResponseMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdateInviteResponseMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateInviteResponseMessage & signalservice.GroupUpdateInviteResponseMessage.$Shape} GroupUpdateInviteResponseMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdateInviteResponseMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdateInviteResponseMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        message.isApproved = reader.bool();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            if (!$Object.hasOwnProperty.call(message, "isApproved"))
                throw $util.ProtocolError("missing required 'isApproved'", { instance: message });
            return message;
        };

        /**
         * Verifies a GroupUpdateInviteResponseMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdateInviteResponseMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdateInviteResponseMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (typeof message.isApproved !== "boolean")
                return "isApproved: boolean expected";
            return null;
        };

        /**
         * Gets the type url for GroupUpdateInviteResponseMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdateInviteResponseMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdateInviteResponseMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdateInviteResponseMessage";
        };

        return GroupUpdateInviteResponseMessage;
    })();

    signalservice.GroupUpdateDeleteMemberContentMessage = (function() {

        /**
         * Properties of a GroupUpdateDeleteMemberContentMessage.
         * @typedef {Object} signalservice.GroupUpdateDeleteMemberContentMessage.$Properties
         * @property {Array.<string>|null} [memberSessionIds] GroupUpdateDeleteMemberContentMessage memberSessionIds
         * @property {Array.<string>|null} [messageHashes] GroupUpdateDeleteMemberContentMessage messageHashes
         * @property {Uint8Array|null} [adminSignature] GroupUpdateDeleteMemberContentMessage adminSignature
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupUpdateDeleteMemberContentMessage.
         * @memberof signalservice
         * @interface IGroupUpdateDeleteMemberContentMessage
         * @augments signalservice.GroupUpdateDeleteMemberContentMessage.$Properties
         * @deprecated Use signalservice.GroupUpdateDeleteMemberContentMessage.$Properties instead.
         */

        /**
         * Shape of a GroupUpdateDeleteMemberContentMessage.
         * @typedef {signalservice.GroupUpdateDeleteMemberContentMessage.$Properties} signalservice.GroupUpdateDeleteMemberContentMessage.$Shape
         */

        /**
         * Constructs a new GroupUpdateDeleteMemberContentMessage.
         * @memberof signalservice
         * @classdesc Represents a GroupUpdateDeleteMemberContentMessage.
         * @constructor
         * @param {signalservice.GroupUpdateDeleteMemberContentMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var GroupUpdateDeleteMemberContentMessage = function (properties) {
            this.memberSessionIds = [];
            this.messageHashes = [];
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * GroupUpdateDeleteMemberContentMessage memberSessionIds.
         * @member {Array.<string>} memberSessionIds
         * @memberof signalservice.GroupUpdateDeleteMemberContentMessage
         * @instance
         */
        GroupUpdateDeleteMemberContentMessage.prototype.memberSessionIds = $util.emptyArray;

        /**
         * GroupUpdateDeleteMemberContentMessage messageHashes.
         * @member {Array.<string>} messageHashes
         * @memberof signalservice.GroupUpdateDeleteMemberContentMessage
         * @instance
         */
        GroupUpdateDeleteMemberContentMessage.prototype.messageHashes = $util.emptyArray;

        /**
         * GroupUpdateDeleteMemberContentMessage adminSignature.
         * @member {Uint8Array} adminSignature
         * @memberof signalservice.GroupUpdateDeleteMemberContentMessage
         * @instance
         */
        GroupUpdateDeleteMemberContentMessage.prototype.adminSignature = $util.newBuffer([]);

        /**
         * Creates a new GroupUpdateDeleteMemberContentMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.GroupUpdateDeleteMemberContentMessage
         * @static
         * @param {signalservice.GroupUpdateDeleteMemberContentMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.GroupUpdateDeleteMemberContentMessage} GroupUpdateDeleteMemberContentMessage instance
         * @type {{
         *   (properties: signalservice.GroupUpdateDeleteMemberContentMessage.$Shape): signalservice.GroupUpdateDeleteMemberContentMessage & signalservice.GroupUpdateDeleteMemberContentMessage.$Shape;
         *   (properties?: signalservice.GroupUpdateDeleteMemberContentMessage.$Properties): signalservice.GroupUpdateDeleteMemberContentMessage;
         * }}
         */
        GroupUpdateDeleteMemberContentMessage.create = function(properties) {
            return new GroupUpdateDeleteMemberContentMessage(properties);
        };

        /**
         * Encodes the specified GroupUpdateDeleteMemberContentMessage message. Does not implicitly {@link signalservice.GroupUpdateDeleteMemberContentMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.GroupUpdateDeleteMemberContentMessage
         * @static
         * @param {signalservice.GroupUpdateDeleteMemberContentMessage.$Properties} message GroupUpdateDeleteMemberContentMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupUpdateDeleteMemberContentMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.memberSessionIds != null && message.memberSessionIds.length)
                for (var i = 0; i < message.memberSessionIds.length; ++i)
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.memberSessionIds[i]);
            if (message.messageHashes != null && message.messageHashes.length)
                for (var i = 0; i < message.messageHashes.length; ++i)
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.messageHashes[i]);
            if (message.adminSignature != null && $Object.hasOwnProperty.call(message, "adminSignature"))
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.adminSignature);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a GroupUpdateDeleteMemberContentMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.GroupUpdateDeleteMemberContentMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateDeleteMemberContentMessage & signalservice.GroupUpdateDeleteMemberContentMessage.$Shape} GroupUpdateDeleteMemberContentMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupUpdateDeleteMemberContentMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.GroupUpdateDeleteMemberContentMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.memberSessionIds && message.memberSessionIds.length))
                            message.memberSessionIds = [];
                        message.memberSessionIds.push(reader.string());
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.messageHashes && message.messageHashes.length))
                            message.messageHashes = [];
                        message.messageHashes.push(reader.string());
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.adminSignature = reader.bytes();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a GroupUpdateDeleteMemberContentMessage message.
         * @function verify
         * @memberof signalservice.GroupUpdateDeleteMemberContentMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        GroupUpdateDeleteMemberContentMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.memberSessionIds != null && $Object.hasOwnProperty.call(message, "memberSessionIds")) {
                if (!$Array.isArray(message.memberSessionIds))
                    return "memberSessionIds: array expected";
                for (var i = 0; i < message.memberSessionIds.length; ++i)
                    if (!$util.isString(message.memberSessionIds[i]))
                        return "memberSessionIds: string[] expected";
            }
            if (message.messageHashes != null && $Object.hasOwnProperty.call(message, "messageHashes")) {
                if (!$Array.isArray(message.messageHashes))
                    return "messageHashes: array expected";
                for (var i = 0; i < message.messageHashes.length; ++i)
                    if (!$util.isString(message.messageHashes[i]))
                        return "messageHashes: string[] expected";
            }
            if (message.adminSignature != null && $Object.hasOwnProperty.call(message, "adminSignature"))
                if (!(message.adminSignature && typeof message.adminSignature.length === "number" || $util.isString(message.adminSignature)))
                    return "adminSignature: buffer expected";
            return null;
        };

        /**
         * Gets the type url for GroupUpdateDeleteMemberContentMessage
         * @function getTypeUrl
         * @memberof signalservice.GroupUpdateDeleteMemberContentMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupUpdateDeleteMemberContentMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.GroupUpdateDeleteMemberContentMessage";
        };

        return GroupUpdateDeleteMemberContentMessage;
    })();

    signalservice.ProMessage = (function() {

        /**
         * Properties of a ProMessage.
         * @typedef {Object} signalservice.ProMessage.$Properties
         * @property {signalservice.ProProof.$Properties|null} [proof] ProMessage proof
         * @property {number|null} [profileBitset] ProMessage profileBitset
         * @property {number|null} [messageBitset] ProMessage messageBitset
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ProMessage.
         * @memberof signalservice
         * @interface IProMessage
         * @augments signalservice.ProMessage.$Properties
         * @deprecated Use signalservice.ProMessage.$Properties instead.
         */

        /**
         * Shape of a ProMessage.
         * @typedef {signalservice.ProMessage.$Properties} signalservice.ProMessage.$Shape
         */

        /**
         * Constructs a new ProMessage.
         * @memberof signalservice
         * @classdesc Represents a ProMessage.
         * @constructor
         * @param {signalservice.ProMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var ProMessage = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ProMessage proof.
         * @member {signalservice.ProProof.$Properties|null|undefined} proof
         * @memberof signalservice.ProMessage
         * @instance
         */
        ProMessage.prototype.proof = null;

        /**
         * ProMessage profileBitset.
         * @member {number} profileBitset
         * @memberof signalservice.ProMessage
         * @instance
         */
        ProMessage.prototype.profileBitset = 0;

        /**
         * ProMessage messageBitset.
         * @member {number} messageBitset
         * @memberof signalservice.ProMessage
         * @instance
         */
        ProMessage.prototype.messageBitset = 0;

        /**
         * Creates a new ProMessage instance using the specified properties.
         * @function create
         * @memberof signalservice.ProMessage
         * @static
         * @param {signalservice.ProMessage.$Properties=} [properties] Properties to set
         * @returns {signalservice.ProMessage} ProMessage instance
         * @type {{
         *   (properties: signalservice.ProMessage.$Shape): signalservice.ProMessage & signalservice.ProMessage.$Shape;
         *   (properties?: signalservice.ProMessage.$Properties): signalservice.ProMessage;
         * }}
         */
        ProMessage.create = function(properties) {
            return new ProMessage(properties);
        };

        /**
         * Encodes the specified ProMessage message. Does not implicitly {@link signalservice.ProMessage.verify|verify} messages.
         * @function encode
         * @memberof signalservice.ProMessage
         * @static
         * @param {signalservice.ProMessage.$Properties} message ProMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ProMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.proof != null && $Object.hasOwnProperty.call(message, "proof"))
                $root.signalservice.ProProof.encode(message.proof, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.profileBitset != null && $Object.hasOwnProperty.call(message, "profileBitset"))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.profileBitset);
            if (message.messageBitset != null && $Object.hasOwnProperty.call(message, "messageBitset"))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.messageBitset);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a ProMessage message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.ProMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.ProMessage & signalservice.ProMessage.$Shape} ProMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ProMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.ProMessage();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.proof = $root.signalservice.ProProof.decode(reader, reader.size(), $undefined, _depth + 1, message.proof);
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        message.profileBitset = $toNumber(reader.uint64());
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        message.messageBitset = $toNumber(reader.uint64());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a ProMessage message.
         * @function verify
         * @memberof signalservice.ProMessage
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ProMessage.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.proof != null && $Object.hasOwnProperty.call(message, "proof")) {
                var error = $root.signalservice.ProProof.verify(message.proof, _depth + 1);
                if (error)
                    return "proof." + error;
            }
            if (message.profileBitset != null && $Object.hasOwnProperty.call(message, "profileBitset"))
                if (!$util.isInteger(message.profileBitset) && !(message.profileBitset && $util.isInteger(message.profileBitset.low) && $util.isInteger(message.profileBitset.high)))
                    return "profileBitset: integer|Long expected";
            if (message.messageBitset != null && $Object.hasOwnProperty.call(message, "messageBitset"))
                if (!$util.isInteger(message.messageBitset) && !(message.messageBitset && $util.isInteger(message.messageBitset.low) && $util.isInteger(message.messageBitset.high)))
                    return "messageBitset: integer|Long expected";
            return null;
        };

        /**
         * Gets the type url for ProMessage
         * @function getTypeUrl
         * @memberof signalservice.ProMessage
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ProMessage.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.ProMessage";
        };

        return ProMessage;
    })();

    signalservice.ProProof = (function() {

        /**
         * Properties of a ProProof.
         * @typedef {Object} signalservice.ProProof.$Properties
         * @property {number|null} [version] ProProof version
         * @property {Uint8Array|null} [genIndexHash] ProProof genIndexHash
         * @property {Uint8Array|null} [rotatingPublicKey] ProProof rotatingPublicKey
         * @property {number|null} [expireAtMs] ProProof expireAtMs
         * @property {Uint8Array|null} [sig] ProProof sig
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ProProof.
         * @memberof signalservice
         * @interface IProProof
         * @augments signalservice.ProProof.$Properties
         * @deprecated Use signalservice.ProProof.$Properties instead.
         */

        /**
         * Shape of a ProProof.
         * @typedef {signalservice.ProProof.$Properties} signalservice.ProProof.$Shape
         */

        /**
         * Constructs a new ProProof.
         * @memberof signalservice
         * @classdesc Represents a ProProof.
         * @constructor
         * @param {signalservice.ProProof.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        var ProProof = function (properties) {
            if (properties)
                for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ProProof version.
         * @member {number} version
         * @memberof signalservice.ProProof
         * @instance
         */
        ProProof.prototype.version = 0;

        /**
         * ProProof genIndexHash.
         * @member {Uint8Array} genIndexHash
         * @memberof signalservice.ProProof
         * @instance
         */
        ProProof.prototype.genIndexHash = $util.newBuffer([]);

        /**
         * ProProof rotatingPublicKey.
         * @member {Uint8Array} rotatingPublicKey
         * @memberof signalservice.ProProof
         * @instance
         */
        ProProof.prototype.rotatingPublicKey = $util.newBuffer([]);

        /**
         * ProProof expireAtMs.
         * @member {number} expireAtMs
         * @memberof signalservice.ProProof
         * @instance
         */
        ProProof.prototype.expireAtMs = 0;

        /**
         * ProProof sig.
         * @member {Uint8Array} sig
         * @memberof signalservice.ProProof
         * @instance
         */
        ProProof.prototype.sig = $util.newBuffer([]);

        /**
         * Creates a new ProProof instance using the specified properties.
         * @function create
         * @memberof signalservice.ProProof
         * @static
         * @param {signalservice.ProProof.$Properties=} [properties] Properties to set
         * @returns {signalservice.ProProof} ProProof instance
         * @type {{
         *   (properties: signalservice.ProProof.$Shape): signalservice.ProProof & signalservice.ProProof.$Shape;
         *   (properties?: signalservice.ProProof.$Properties): signalservice.ProProof;
         * }}
         */
        ProProof.create = function(properties) {
            return new ProProof(properties);
        };

        /**
         * Encodes the specified ProProof message. Does not implicitly {@link signalservice.ProProof.verify|verify} messages.
         * @function encode
         * @memberof signalservice.ProProof
         * @static
         * @param {signalservice.ProProof.$Properties} message ProProof message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ProProof.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
            if (message.genIndexHash != null && $Object.hasOwnProperty.call(message, "genIndexHash"))
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.genIndexHash);
            if (message.rotatingPublicKey != null && $Object.hasOwnProperty.call(message, "rotatingPublicKey"))
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.rotatingPublicKey);
            if (message.expireAtMs != null && $Object.hasOwnProperty.call(message, "expireAtMs"))
                writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.expireAtMs);
            if (message.sig != null && $Object.hasOwnProperty.call(message, "sig"))
                writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.sig);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (var i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a ProProof message from the specified reader or buffer.
         * @function decode
         * @memberof signalservice.ProProof
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {signalservice.ProProof & signalservice.ProProof.$Shape} ProProof
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ProProof.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.signalservice.ProProof();
            while (reader.pos < end) {
                var start = reader.pos;
                var tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                var wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        message.version = reader.uint32();
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.genIndexHash = reader.bytes();
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.rotatingPublicKey = reader.bytes();
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        message.expireAtMs = $toNumber(reader.uint64());
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        message.sig = reader.bytes();
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Verifies a ProProof message.
         * @function verify
         * @memberof signalservice.ProProof
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ProProof.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                if (!$util.isInteger(message.version))
                    return "version: integer expected";
            if (message.genIndexHash != null && $Object.hasOwnProperty.call(message, "genIndexHash"))
                if (!(message.genIndexHash && typeof message.genIndexHash.length === "number" || $util.isString(message.genIndexHash)))
                    return "genIndexHash: buffer expected";
            if (message.rotatingPublicKey != null && $Object.hasOwnProperty.call(message, "rotatingPublicKey"))
                if (!(message.rotatingPublicKey && typeof message.rotatingPublicKey.length === "number" || $util.isString(message.rotatingPublicKey)))
                    return "rotatingPublicKey: buffer expected";
            if (message.expireAtMs != null && $Object.hasOwnProperty.call(message, "expireAtMs"))
                if (!$util.isInteger(message.expireAtMs) && !(message.expireAtMs && $util.isInteger(message.expireAtMs.low) && $util.isInteger(message.expireAtMs.high)))
                    return "expireAtMs: integer|Long expected";
            if (message.sig != null && $Object.hasOwnProperty.call(message, "sig"))
                if (!(message.sig && typeof message.sig.length === "number" || $util.isString(message.sig)))
                    return "sig: buffer expected";
            return null;
        };

        /**
         * Gets the type url for ProProof
         * @function getTypeUrl
         * @memberof signalservice.ProProof
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ProProof.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/signalservice.ProProof";
        };

        return ProProof;
    })();

    return signalservice;
})();

module.exports = $root;
