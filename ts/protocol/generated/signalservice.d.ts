import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace signalservice. */
export namespace signalservice {

    /**
     * Properties of a WebSocketRequestMessage.
     * @deprecated Use signalservice.WebSocketRequestMessage.$Properties instead.
     */
    interface IWebSocketRequestMessage extends signalservice.WebSocketRequestMessage.$Properties {
    }

    /** Represents a WebSocketRequestMessage. */
    class WebSocketRequestMessage {

        /**
         * Constructs a new WebSocketRequestMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.WebSocketRequestMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** WebSocketRequestMessage verb. */
        verb: string;

        /** WebSocketRequestMessage path. */
        path: string;

        /** WebSocketRequestMessage body. */
        body: Uint8Array;

        /** WebSocketRequestMessage requestId. */
        requestId: number;

        /** WebSocketRequestMessage headers. */
        headers: string[];

        /**
         * Creates a new WebSocketRequestMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns WebSocketRequestMessage instance
         */
        static create(properties: signalservice.WebSocketRequestMessage.$Shape): signalservice.WebSocketRequestMessage & signalservice.WebSocketRequestMessage.$Shape;
        static create(properties?: signalservice.WebSocketRequestMessage.$Properties): signalservice.WebSocketRequestMessage;

        /**
         * Encodes the specified WebSocketRequestMessage message. Does not implicitly {@link signalservice.WebSocketRequestMessage.verify|verify} messages.
         * @param message WebSocketRequestMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.WebSocketRequestMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a WebSocketRequestMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.WebSocketRequestMessage & signalservice.WebSocketRequestMessage.$Shape} WebSocketRequestMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.WebSocketRequestMessage & signalservice.WebSocketRequestMessage.$Shape;

        /**
         * Verifies a WebSocketRequestMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for WebSocketRequestMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace WebSocketRequestMessage {

        /** Properties of a WebSocketRequestMessage. */
        interface $Properties {

            /** WebSocketRequestMessage verb */
            verb?: (string|null);

            /** WebSocketRequestMessage path */
            path?: (string|null);

            /** WebSocketRequestMessage body */
            body?: (Uint8Array|null);

            /** WebSocketRequestMessage requestId */
            requestId?: (number|null);

            /** WebSocketRequestMessage headers */
            headers?: (string[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a WebSocketRequestMessage. */
        type $Shape = signalservice.WebSocketRequestMessage.$Properties;
    }

    /**
     * Properties of a WebSocketResponseMessage.
     * @deprecated Use signalservice.WebSocketResponseMessage.$Properties instead.
     */
    interface IWebSocketResponseMessage extends signalservice.WebSocketResponseMessage.$Properties {
    }

    /** Represents a WebSocketResponseMessage. */
    class WebSocketResponseMessage {

        /**
         * Constructs a new WebSocketResponseMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.WebSocketResponseMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** WebSocketResponseMessage requestId. */
        requestId: number;

        /** WebSocketResponseMessage status. */
        status: number;

        /** WebSocketResponseMessage message. */
        message: string;

        /** WebSocketResponseMessage body. */
        body: Uint8Array;

        /** WebSocketResponseMessage headers. */
        headers: string[];

        /**
         * Creates a new WebSocketResponseMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns WebSocketResponseMessage instance
         */
        static create(properties: signalservice.WebSocketResponseMessage.$Shape): signalservice.WebSocketResponseMessage & signalservice.WebSocketResponseMessage.$Shape;
        static create(properties?: signalservice.WebSocketResponseMessage.$Properties): signalservice.WebSocketResponseMessage;

        /**
         * Encodes the specified WebSocketResponseMessage message. Does not implicitly {@link signalservice.WebSocketResponseMessage.verify|verify} messages.
         * @param message WebSocketResponseMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.WebSocketResponseMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a WebSocketResponseMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.WebSocketResponseMessage & signalservice.WebSocketResponseMessage.$Shape} WebSocketResponseMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.WebSocketResponseMessage & signalservice.WebSocketResponseMessage.$Shape;

        /**
         * Verifies a WebSocketResponseMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for WebSocketResponseMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace WebSocketResponseMessage {

        /** Properties of a WebSocketResponseMessage. */
        interface $Properties {

            /** WebSocketResponseMessage requestId */
            requestId?: (number|null);

            /** WebSocketResponseMessage status */
            status?: (number|null);

            /** WebSocketResponseMessage message */
            message?: (string|null);

            /** WebSocketResponseMessage body */
            body?: (Uint8Array|null);

            /** WebSocketResponseMessage headers */
            headers?: (string[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a WebSocketResponseMessage. */
        type $Shape = signalservice.WebSocketResponseMessage.$Properties;
    }

    /**
     * Properties of a WebSocketMessage.
     * @deprecated Use signalservice.WebSocketMessage.$Properties instead.
     */
    interface IWebSocketMessage extends signalservice.WebSocketMessage.$Properties {
    }

    /** Represents a WebSocketMessage. */
    class WebSocketMessage {

        /**
         * Constructs a new WebSocketMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.WebSocketMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** WebSocketMessage type. */
        type: signalservice.WebSocketMessage.Type;

        /** WebSocketMessage request. */
        request?: (signalservice.WebSocketRequestMessage.$Properties|null);

        /** WebSocketMessage response. */
        response?: (signalservice.WebSocketResponseMessage.$Properties|null);

        /**
         * Creates a new WebSocketMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns WebSocketMessage instance
         */
        static create(properties: signalservice.WebSocketMessage.$Shape): signalservice.WebSocketMessage & signalservice.WebSocketMessage.$Shape;
        static create(properties?: signalservice.WebSocketMessage.$Properties): signalservice.WebSocketMessage;

        /**
         * Encodes the specified WebSocketMessage message. Does not implicitly {@link signalservice.WebSocketMessage.verify|verify} messages.
         * @param message WebSocketMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.WebSocketMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a WebSocketMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.WebSocketMessage & signalservice.WebSocketMessage.$Shape} WebSocketMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.WebSocketMessage & signalservice.WebSocketMessage.$Shape;

        /**
         * Verifies a WebSocketMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for WebSocketMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace WebSocketMessage {

        /** Properties of a WebSocketMessage. */
        interface $Properties {

            /** WebSocketMessage type */
            type?: (signalservice.WebSocketMessage.Type|null);

            /** WebSocketMessage request */
            request?: (signalservice.WebSocketRequestMessage.$Properties|null);

            /** WebSocketMessage response */
            response?: (signalservice.WebSocketResponseMessage.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a WebSocketMessage. */
        type $Shape = signalservice.WebSocketMessage.$Properties;

        /** Type enum. */
        enum Type {

            /** UNKNOWN value */
            UNKNOWN = 0,

            /** REQUEST value */
            REQUEST = 1,

            /** RESPONSE value */
            RESPONSE = 2
        }
    }

    /**
     * Properties of an Envelope.
     * @deprecated Use signalservice.Envelope.$Properties instead.
     */
    interface IEnvelope extends signalservice.Envelope.$Properties {
    }

    /** Represents an Envelope. */
    class Envelope {

        /**
         * Constructs a new Envelope.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.Envelope.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Envelope type. */
        type: signalservice.Envelope.Type;

        /** Envelope source. */
        source: string;

        /** Envelope timestamp. */
        timestamp: number;

        /** Envelope sourceDevice. */
        sourceDevice: number;

        /** Envelope content. */
        content: Uint8Array;

        /** Envelope serverTimestamp. */
        serverTimestamp: number;

        /** Envelope proSig. */
        proSig: Uint8Array;

        /**
         * Creates a new Envelope instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Envelope instance
         */
        static create(properties: signalservice.Envelope.$Shape): signalservice.Envelope & signalservice.Envelope.$Shape;
        static create(properties?: signalservice.Envelope.$Properties): signalservice.Envelope;

        /**
         * Encodes the specified Envelope message. Does not implicitly {@link signalservice.Envelope.verify|verify} messages.
         * @param message Envelope message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Envelope message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.Envelope & signalservice.Envelope.$Shape} Envelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.Envelope & signalservice.Envelope.$Shape;

        /**
         * Verifies an Envelope message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for Envelope
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Envelope {

        /** Properties of an Envelope. */
        interface $Properties {

            /** Envelope type */
            type: signalservice.Envelope.Type;

            /** Envelope source */
            source?: (string|null);

            /** Envelope timestamp */
            timestamp: number;

            /** Envelope sourceDevice */
            sourceDevice?: (number|null);

            /** Envelope content */
            content?: (Uint8Array|null);

            /** Envelope serverTimestamp */
            serverTimestamp?: (number|null);

            /** Envelope proSig */
            proSig?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Envelope. */
        type $Shape = signalservice.Envelope.$Properties;

        /** Type enum. */
        enum Type {

            /** SESSION_MESSAGE value */
            SESSION_MESSAGE = 6,

            /** CLOSED_GROUP_MESSAGE value */
            CLOSED_GROUP_MESSAGE = 7
        }
    }

    /**
     * Properties of a Content.
     * @deprecated Use signalservice.Content.$Properties instead.
     */
    interface IContent extends signalservice.Content.$Properties {
    }

    /** Represents a Content. */
    class Content {

        /**
         * Constructs a new Content.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.Content.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Content dataMessage. */
        dataMessage?: (signalservice.DataMessage.$Properties|null);

        /** Content callMessage. */
        callMessage?: (signalservice.CallMessage.$Properties|null);

        /** Content receiptMessage. */
        receiptMessage?: (signalservice.ReceiptMessage.$Properties|null);

        /** Content typingMessage. */
        typingMessage?: (signalservice.TypingMessage.$Properties|null);

        /** Content dataExtractionNotification. */
        dataExtractionNotification?: (signalservice.DataExtractionNotification.$Properties|null);

        /** Content unsendRequest. */
        unsendRequest?: (signalservice.UnsendRequest.$Properties|null);

        /** Content messageRequestResponse. */
        messageRequestResponse?: (signalservice.MessageRequestResponse.$Properties|null);

        /** Content sharedConfigMessage. */
        sharedConfigMessage?: (signalservice.SharedConfigMessage.$Properties|null);

        /** Content expirationType. */
        expirationType: signalservice.Content.ExpirationType;

        /** Content expirationTimer. */
        expirationTimer: number;

        /** Content sigTimestamp. */
        sigTimestamp: number;

        /** Content proMessage. */
        proMessage?: (signalservice.ProMessage.$Properties|null);

        /** Content proSigForCommunityMessageOnly. */
        proSigForCommunityMessageOnly: Uint8Array;

        /**
         * Creates a new Content instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Content instance
         */
        static create(properties: signalservice.Content.$Shape): signalservice.Content & signalservice.Content.$Shape;
        static create(properties?: signalservice.Content.$Properties): signalservice.Content;

        /**
         * Encodes the specified Content message. Does not implicitly {@link signalservice.Content.verify|verify} messages.
         * @param message Content message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.Content.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Content message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.Content & signalservice.Content.$Shape} Content
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.Content & signalservice.Content.$Shape;

        /**
         * Verifies a Content message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for Content
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Content {

        /** Properties of a Content. */
        interface $Properties {

            /** Content dataMessage */
            dataMessage?: (signalservice.DataMessage.$Properties|null);

            /** Content callMessage */
            callMessage?: (signalservice.CallMessage.$Properties|null);

            /** Content receiptMessage */
            receiptMessage?: (signalservice.ReceiptMessage.$Properties|null);

            /** Content typingMessage */
            typingMessage?: (signalservice.TypingMessage.$Properties|null);

            /** Content dataExtractionNotification */
            dataExtractionNotification?: (signalservice.DataExtractionNotification.$Properties|null);

            /** Content unsendRequest */
            unsendRequest?: (signalservice.UnsendRequest.$Properties|null);

            /** Content messageRequestResponse */
            messageRequestResponse?: (signalservice.MessageRequestResponse.$Properties|null);

            /** Content sharedConfigMessage */
            sharedConfigMessage?: (signalservice.SharedConfigMessage.$Properties|null);

            /** Content expirationType */
            expirationType?: (signalservice.Content.ExpirationType|null);

            /** Content expirationTimer */
            expirationTimer?: (number|null);

            /** Content sigTimestamp */
            sigTimestamp?: (number|null);

            /** Content proMessage */
            proMessage?: (signalservice.ProMessage.$Properties|null);

            /** Content proSigForCommunityMessageOnly */
            proSigForCommunityMessageOnly?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Content. */
        type $Shape = signalservice.Content.$Properties;

        /** ExpirationType enum. */
        enum ExpirationType {

            /** UNKNOWN value */
            UNKNOWN = 0,

            /** DELETE_AFTER_READ value */
            DELETE_AFTER_READ = 1,

            /** DELETE_AFTER_SEND value */
            DELETE_AFTER_SEND = 2
        }
    }

    /**
     * Properties of a DataMessage.
     * @deprecated Use signalservice.DataMessage.$Properties instead.
     */
    interface IDataMessage extends signalservice.DataMessage.$Properties {
    }

    /** Represents a DataMessage. */
    class DataMessage {

        /**
         * Constructs a new DataMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.DataMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** DataMessage body. */
        body: string;

        /** DataMessage attachments. */
        attachments: signalservice.AttachmentPointer.$Properties[];

        /** DataMessage flags. */
        flags: number;

        /** DataMessage profileKey. */
        profileKey: Uint8Array;

        /** DataMessage timestamp. */
        timestamp: number;

        /** DataMessage quote. */
        quote?: (signalservice.DataMessage.Quote.$Properties|null);

        /** DataMessage preview. */
        preview: signalservice.DataMessage.Preview.$Properties[];

        /** DataMessage reaction. */
        reaction?: (signalservice.DataMessage.Reaction.$Properties|null);

        /** DataMessage profile. */
        profile?: (signalservice.LokiProfile.$Properties|null);

        /** DataMessage communityInvitation. */
        communityInvitation?: (signalservice.DataMessage.CommunityInvitation.$Properties|null);

        /** DataMessage syncTarget. */
        syncTarget: string;

        /** DataMessage blocksCommunityMessageRequests. */
        blocksCommunityMessageRequests: boolean;

        /** DataMessage groupUpdateMessage. */
        groupUpdateMessage?: (signalservice.GroupUpdateMessage.$Properties|null);

        /**
         * Creates a new DataMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns DataMessage instance
         */
        static create(properties: signalservice.DataMessage.$Shape): signalservice.DataMessage & signalservice.DataMessage.$Shape;
        static create(properties?: signalservice.DataMessage.$Properties): signalservice.DataMessage;

        /**
         * Encodes the specified DataMessage message. Does not implicitly {@link signalservice.DataMessage.verify|verify} messages.
         * @param message DataMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.DataMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a DataMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.DataMessage & signalservice.DataMessage.$Shape} DataMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.DataMessage & signalservice.DataMessage.$Shape;

        /**
         * Verifies a DataMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for DataMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace DataMessage {

        /** Properties of a DataMessage. */
        interface $Properties {

            /** DataMessage body */
            body?: (string|null);

            /** DataMessage attachments */
            attachments?: (signalservice.AttachmentPointer.$Properties[]|null);

            /** DataMessage flags */
            flags?: (number|null);

            /** DataMessage profileKey */
            profileKey?: (Uint8Array|null);

            /** DataMessage timestamp */
            timestamp?: (number|null);

            /** DataMessage quote */
            quote?: (signalservice.DataMessage.Quote.$Properties|null);

            /** DataMessage preview */
            preview?: (signalservice.DataMessage.Preview.$Properties[]|null);

            /** DataMessage reaction */
            reaction?: (signalservice.DataMessage.Reaction.$Properties|null);

            /** DataMessage profile */
            profile?: (signalservice.LokiProfile.$Properties|null);

            /** DataMessage communityInvitation */
            communityInvitation?: (signalservice.DataMessage.CommunityInvitation.$Properties|null);

            /** DataMessage syncTarget */
            syncTarget?: (string|null);

            /** DataMessage blocksCommunityMessageRequests */
            blocksCommunityMessageRequests?: (boolean|null);

            /** DataMessage groupUpdateMessage */
            groupUpdateMessage?: (signalservice.GroupUpdateMessage.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a DataMessage. */
        type $Shape = signalservice.DataMessage.$Properties;

        /** Flags enum. */
        enum Flags {

            /** EXPIRATION_TIMER_UPDATE value */
            EXPIRATION_TIMER_UPDATE = 2
        }

        /**
         * Properties of a Quote.
         * @deprecated Use signalservice.DataMessage.Quote.$Properties instead.
         */
        interface IQuote extends signalservice.DataMessage.Quote.$Properties {
        }

        /** Represents a Quote. */
        class Quote {

            /**
             * Constructs a new Quote.
             * @param [properties] Properties to set
             */
            constructor(properties?: signalservice.DataMessage.Quote.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Quote id. */
            id: number;

            /** Quote author. */
            author: string;

            /** Quote text. */
            text: string;

            /** Quote attachments. */
            attachments: signalservice.DataMessage.Quote.QuotedAttachment.$Properties[];

            /**
             * Creates a new Quote instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Quote instance
             */
            static create(properties: signalservice.DataMessage.Quote.$Shape): signalservice.DataMessage.Quote & signalservice.DataMessage.Quote.$Shape;
            static create(properties?: signalservice.DataMessage.Quote.$Properties): signalservice.DataMessage.Quote;

            /**
             * Encodes the specified Quote message. Does not implicitly {@link signalservice.DataMessage.Quote.verify|verify} messages.
             * @param message Quote message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: signalservice.DataMessage.Quote.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Quote message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {signalservice.DataMessage.Quote & signalservice.DataMessage.Quote.$Shape} Quote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.DataMessage.Quote & signalservice.DataMessage.Quote.$Shape;

            /**
             * Verifies a Quote message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Gets the type url for Quote
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Quote {

            /** Properties of a Quote. */
            interface $Properties {

                /** Quote id */
                id: number;

                /** Quote author */
                author: string;

                /** Quote text */
                text?: (string|null);

                /** Quote attachments */
                attachments?: (signalservice.DataMessage.Quote.QuotedAttachment.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Quote. */
            type $Shape = signalservice.DataMessage.Quote.$Properties;

            /**
             * Properties of a QuotedAttachment.
             * @deprecated Use signalservice.DataMessage.Quote.QuotedAttachment.$Properties instead.
             */
            interface IQuotedAttachment extends signalservice.DataMessage.Quote.QuotedAttachment.$Properties {
            }

            /** Represents a QuotedAttachment. */
            class QuotedAttachment {

                /**
                 * Constructs a new QuotedAttachment.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: signalservice.DataMessage.Quote.QuotedAttachment.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** QuotedAttachment contentType. */
                contentType: string;

                /** QuotedAttachment fileName. */
                fileName: string;

                /** QuotedAttachment thumbnail. */
                thumbnail?: (signalservice.AttachmentPointer.$Properties|null);

                /** QuotedAttachment flags. */
                flags: number;

                /**
                 * Creates a new QuotedAttachment instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns QuotedAttachment instance
                 */
                static create(properties: signalservice.DataMessage.Quote.QuotedAttachment.$Shape): signalservice.DataMessage.Quote.QuotedAttachment & signalservice.DataMessage.Quote.QuotedAttachment.$Shape;
                static create(properties?: signalservice.DataMessage.Quote.QuotedAttachment.$Properties): signalservice.DataMessage.Quote.QuotedAttachment;

                /**
                 * Encodes the specified QuotedAttachment message. Does not implicitly {@link signalservice.DataMessage.Quote.QuotedAttachment.verify|verify} messages.
                 * @param message QuotedAttachment message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: signalservice.DataMessage.Quote.QuotedAttachment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a QuotedAttachment message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {signalservice.DataMessage.Quote.QuotedAttachment & signalservice.DataMessage.Quote.QuotedAttachment.$Shape} QuotedAttachment
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.DataMessage.Quote.QuotedAttachment & signalservice.DataMessage.Quote.QuotedAttachment.$Shape;

                /**
                 * Verifies a QuotedAttachment message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Gets the type url for QuotedAttachment
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace QuotedAttachment {

                /** Properties of a QuotedAttachment. */
                interface $Properties {

                    /** QuotedAttachment contentType */
                    contentType?: (string|null);

                    /** QuotedAttachment fileName */
                    fileName?: (string|null);

                    /** QuotedAttachment thumbnail */
                    thumbnail?: (signalservice.AttachmentPointer.$Properties|null);

                    /** QuotedAttachment flags */
                    flags?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a QuotedAttachment. */
                type $Shape = signalservice.DataMessage.Quote.QuotedAttachment.$Properties;

                /** Flags enum. */
                enum Flags {

                    /** VOICE_MESSAGE value */
                    VOICE_MESSAGE = 1
                }
            }
        }

        /**
         * Properties of a Preview.
         * @deprecated Use signalservice.DataMessage.Preview.$Properties instead.
         */
        interface IPreview extends signalservice.DataMessage.Preview.$Properties {
        }

        /** Represents a Preview. */
        class Preview {

            /**
             * Constructs a new Preview.
             * @param [properties] Properties to set
             */
            constructor(properties?: signalservice.DataMessage.Preview.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Preview url. */
            url: string;

            /** Preview title. */
            title: string;

            /** Preview image. */
            image?: (signalservice.AttachmentPointer.$Properties|null);

            /**
             * Creates a new Preview instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Preview instance
             */
            static create(properties: signalservice.DataMessage.Preview.$Shape): signalservice.DataMessage.Preview & signalservice.DataMessage.Preview.$Shape;
            static create(properties?: signalservice.DataMessage.Preview.$Properties): signalservice.DataMessage.Preview;

            /**
             * Encodes the specified Preview message. Does not implicitly {@link signalservice.DataMessage.Preview.verify|verify} messages.
             * @param message Preview message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: signalservice.DataMessage.Preview.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Preview message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {signalservice.DataMessage.Preview & signalservice.DataMessage.Preview.$Shape} Preview
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.DataMessage.Preview & signalservice.DataMessage.Preview.$Shape;

            /**
             * Verifies a Preview message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Gets the type url for Preview
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Preview {

            /** Properties of a Preview. */
            interface $Properties {

                /** Preview url */
                url: string;

                /** Preview title */
                title?: (string|null);

                /** Preview image */
                image?: (signalservice.AttachmentPointer.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Preview. */
            type $Shape = signalservice.DataMessage.Preview.$Properties;
        }

        /**
         * Properties of a Reaction.
         * @deprecated Use signalservice.DataMessage.Reaction.$Properties instead.
         */
        interface IReaction extends signalservice.DataMessage.Reaction.$Properties {
        }

        /** Represents a Reaction. */
        class Reaction {

            /**
             * Constructs a new Reaction.
             * @param [properties] Properties to set
             */
            constructor(properties?: signalservice.DataMessage.Reaction.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Reaction id. */
            id: number;

            /** Reaction author. */
            author: string;

            /** Reaction emoji. */
            emoji: string;

            /** Reaction action. */
            action: signalservice.DataMessage.Reaction.Action;

            /**
             * Creates a new Reaction instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Reaction instance
             */
            static create(properties: signalservice.DataMessage.Reaction.$Shape): signalservice.DataMessage.Reaction & signalservice.DataMessage.Reaction.$Shape;
            static create(properties?: signalservice.DataMessage.Reaction.$Properties): signalservice.DataMessage.Reaction;

            /**
             * Encodes the specified Reaction message. Does not implicitly {@link signalservice.DataMessage.Reaction.verify|verify} messages.
             * @param message Reaction message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: signalservice.DataMessage.Reaction.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Reaction message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {signalservice.DataMessage.Reaction & signalservice.DataMessage.Reaction.$Shape} Reaction
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.DataMessage.Reaction & signalservice.DataMessage.Reaction.$Shape;

            /**
             * Verifies a Reaction message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Gets the type url for Reaction
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Reaction {

            /** Properties of a Reaction. */
            interface $Properties {

                /** Reaction id */
                id: number;

                /** Reaction author */
                author: string;

                /** Reaction emoji */
                emoji?: (string|null);

                /** Reaction action */
                action: signalservice.DataMessage.Reaction.Action;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Reaction. */
            type $Shape = signalservice.DataMessage.Reaction.$Properties;

            /** Action enum. */
            enum Action {

                /** REACT value */
                REACT = 0,

                /** REMOVE value */
                REMOVE = 1
            }
        }

        /**
         * Properties of a CommunityInvitation.
         * @deprecated Use signalservice.DataMessage.CommunityInvitation.$Properties instead.
         */
        interface ICommunityInvitation extends signalservice.DataMessage.CommunityInvitation.$Properties {
        }

        /** Represents a CommunityInvitation. */
        class CommunityInvitation {

            /**
             * Constructs a new CommunityInvitation.
             * @param [properties] Properties to set
             */
            constructor(properties?: signalservice.DataMessage.CommunityInvitation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CommunityInvitation url. */
            url: string;

            /** CommunityInvitation name. */
            name: string;

            /**
             * Creates a new CommunityInvitation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CommunityInvitation instance
             */
            static create(properties: signalservice.DataMessage.CommunityInvitation.$Shape): signalservice.DataMessage.CommunityInvitation & signalservice.DataMessage.CommunityInvitation.$Shape;
            static create(properties?: signalservice.DataMessage.CommunityInvitation.$Properties): signalservice.DataMessage.CommunityInvitation;

            /**
             * Encodes the specified CommunityInvitation message. Does not implicitly {@link signalservice.DataMessage.CommunityInvitation.verify|verify} messages.
             * @param message CommunityInvitation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: signalservice.DataMessage.CommunityInvitation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CommunityInvitation message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {signalservice.DataMessage.CommunityInvitation & signalservice.DataMessage.CommunityInvitation.$Shape} CommunityInvitation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.DataMessage.CommunityInvitation & signalservice.DataMessage.CommunityInvitation.$Shape;

            /**
             * Verifies a CommunityInvitation message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Gets the type url for CommunityInvitation
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CommunityInvitation {

            /** Properties of a CommunityInvitation. */
            interface $Properties {

                /** CommunityInvitation url */
                url: string;

                /** CommunityInvitation name */
                name: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CommunityInvitation. */
            type $Shape = signalservice.DataMessage.CommunityInvitation.$Properties;
        }
    }

    /**
     * Properties of a LokiProfile.
     * @deprecated Use signalservice.LokiProfile.$Properties instead.
     */
    interface ILokiProfile extends signalservice.LokiProfile.$Properties {
    }

    /** Represents a LokiProfile. */
    class LokiProfile {

        /**
         * Constructs a new LokiProfile.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.LokiProfile.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** LokiProfile displayName. */
        displayName: string;

        /** LokiProfile profilePicture. */
        profilePicture: string;

        /** LokiProfile lastProfileUpdateSeconds. */
        lastProfileUpdateSeconds: number;

        /**
         * Creates a new LokiProfile instance using the specified properties.
         * @param [properties] Properties to set
         * @returns LokiProfile instance
         */
        static create(properties: signalservice.LokiProfile.$Shape): signalservice.LokiProfile & signalservice.LokiProfile.$Shape;
        static create(properties?: signalservice.LokiProfile.$Properties): signalservice.LokiProfile;

        /**
         * Encodes the specified LokiProfile message. Does not implicitly {@link signalservice.LokiProfile.verify|verify} messages.
         * @param message LokiProfile message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.LokiProfile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a LokiProfile message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.LokiProfile & signalservice.LokiProfile.$Shape} LokiProfile
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.LokiProfile & signalservice.LokiProfile.$Shape;

        /**
         * Verifies a LokiProfile message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for LokiProfile
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace LokiProfile {

        /** Properties of a LokiProfile. */
        interface $Properties {

            /** LokiProfile displayName */
            displayName?: (string|null);

            /** LokiProfile profilePicture */
            profilePicture?: (string|null);

            /** LokiProfile lastProfileUpdateSeconds */
            lastProfileUpdateSeconds?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a LokiProfile. */
        type $Shape = signalservice.LokiProfile.$Properties;
    }

    /**
     * Properties of an AttachmentPointer.
     * @deprecated Use signalservice.AttachmentPointer.$Properties instead.
     */
    interface IAttachmentPointer extends signalservice.AttachmentPointer.$Properties {
    }

    /** Represents an AttachmentPointer. */
    class AttachmentPointer {

        /**
         * Constructs a new AttachmentPointer.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.AttachmentPointer.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** AttachmentPointer deprecatedId. */
        deprecatedId: number;

        /** AttachmentPointer contentType. */
        contentType: string;

        /** AttachmentPointer key. */
        key: Uint8Array;

        /** AttachmentPointer size. */
        size: number;

        /** AttachmentPointer digest. */
        digest: Uint8Array;

        /** AttachmentPointer fileName. */
        fileName: string;

        /** AttachmentPointer flags. */
        flags: number;

        /** AttachmentPointer width. */
        width: number;

        /** AttachmentPointer height. */
        height: number;

        /** AttachmentPointer caption. */
        caption: string;

        /** AttachmentPointer url. */
        url: string;

        /**
         * Creates a new AttachmentPointer instance using the specified properties.
         * @param [properties] Properties to set
         * @returns AttachmentPointer instance
         */
        static create(properties: signalservice.AttachmentPointer.$Shape): signalservice.AttachmentPointer & signalservice.AttachmentPointer.$Shape;
        static create(properties?: signalservice.AttachmentPointer.$Properties): signalservice.AttachmentPointer;

        /**
         * Encodes the specified AttachmentPointer message. Does not implicitly {@link signalservice.AttachmentPointer.verify|verify} messages.
         * @param message AttachmentPointer message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.AttachmentPointer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an AttachmentPointer message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.AttachmentPointer & signalservice.AttachmentPointer.$Shape} AttachmentPointer
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.AttachmentPointer & signalservice.AttachmentPointer.$Shape;

        /**
         * Verifies an AttachmentPointer message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for AttachmentPointer
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace AttachmentPointer {

        /** Properties of an AttachmentPointer. */
        interface $Properties {

            /** AttachmentPointer deprecatedId */
            deprecatedId: number;

            /** AttachmentPointer contentType */
            contentType?: (string|null);

            /** AttachmentPointer key */
            key?: (Uint8Array|null);

            /** AttachmentPointer size */
            size?: (number|null);

            /** AttachmentPointer digest */
            digest?: (Uint8Array|null);

            /** AttachmentPointer fileName */
            fileName?: (string|null);

            /** AttachmentPointer flags */
            flags?: (number|null);

            /** AttachmentPointer width */
            width?: (number|null);

            /** AttachmentPointer height */
            height?: (number|null);

            /** AttachmentPointer caption */
            caption?: (string|null);

            /** AttachmentPointer url */
            url?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an AttachmentPointer. */
        type $Shape = signalservice.AttachmentPointer.$Properties;

        /** Flags enum. */
        enum Flags {

            /** VOICE_MESSAGE value */
            VOICE_MESSAGE = 1
        }
    }

    /**
     * Properties of a ReceiptMessage.
     * @deprecated Use signalservice.ReceiptMessage.$Properties instead.
     */
    interface IReceiptMessage extends signalservice.ReceiptMessage.$Properties {
    }

    /** Represents a ReceiptMessage. */
    class ReceiptMessage {

        /**
         * Constructs a new ReceiptMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.ReceiptMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ReceiptMessage type. */
        type: signalservice.ReceiptMessage.Type;

        /** ReceiptMessage timestamp. */
        timestamp: number[];

        /**
         * Creates a new ReceiptMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ReceiptMessage instance
         */
        static create(properties: signalservice.ReceiptMessage.$Shape): signalservice.ReceiptMessage & signalservice.ReceiptMessage.$Shape;
        static create(properties?: signalservice.ReceiptMessage.$Properties): signalservice.ReceiptMessage;

        /**
         * Encodes the specified ReceiptMessage message. Does not implicitly {@link signalservice.ReceiptMessage.verify|verify} messages.
         * @param message ReceiptMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.ReceiptMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ReceiptMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.ReceiptMessage & signalservice.ReceiptMessage.$Shape} ReceiptMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.ReceiptMessage & signalservice.ReceiptMessage.$Shape;

        /**
         * Verifies a ReceiptMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for ReceiptMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ReceiptMessage {

        /** Properties of a ReceiptMessage. */
        interface $Properties {

            /** ReceiptMessage type */
            type: signalservice.ReceiptMessage.Type;

            /** ReceiptMessage timestamp */
            timestamp?: (number[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ReceiptMessage. */
        type $Shape = signalservice.ReceiptMessage.$Properties;

        /** Type enum. */
        enum Type {

            /** DELIVERY value */
            DELIVERY = 0,

            /** READ value */
            READ = 1
        }
    }

    /**
     * Properties of a TypingMessage.
     * @deprecated Use signalservice.TypingMessage.$Properties instead.
     */
    interface ITypingMessage extends signalservice.TypingMessage.$Properties {
    }

    /** Represents a TypingMessage. */
    class TypingMessage {

        /**
         * Constructs a new TypingMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.TypingMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** TypingMessage timestamp. */
        timestamp: number;

        /** TypingMessage action. */
        action: signalservice.TypingMessage.Action;

        /**
         * Creates a new TypingMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns TypingMessage instance
         */
        static create(properties: signalservice.TypingMessage.$Shape): signalservice.TypingMessage & signalservice.TypingMessage.$Shape;
        static create(properties?: signalservice.TypingMessage.$Properties): signalservice.TypingMessage;

        /**
         * Encodes the specified TypingMessage message. Does not implicitly {@link signalservice.TypingMessage.verify|verify} messages.
         * @param message TypingMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.TypingMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a TypingMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.TypingMessage & signalservice.TypingMessage.$Shape} TypingMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.TypingMessage & signalservice.TypingMessage.$Shape;

        /**
         * Verifies a TypingMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for TypingMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace TypingMessage {

        /** Properties of a TypingMessage. */
        interface $Properties {

            /** TypingMessage timestamp */
            timestamp: number;

            /** TypingMessage action */
            action: signalservice.TypingMessage.Action;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a TypingMessage. */
        type $Shape = signalservice.TypingMessage.$Properties;

        /** Action enum. */
        enum Action {

            /** STARTED value */
            STARTED = 0,

            /** STOPPED value */
            STOPPED = 1
        }
    }

    /**
     * Properties of an UnsendRequest.
     * @deprecated Use signalservice.UnsendRequest.$Properties instead.
     */
    interface IUnsendRequest extends signalservice.UnsendRequest.$Properties {
    }

    /** Represents an UnsendRequest. */
    class UnsendRequest {

        /**
         * Constructs a new UnsendRequest.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.UnsendRequest.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** UnsendRequest timestamp. */
        timestamp: number;

        /** UnsendRequest author. */
        author: string;

        /**
         * Creates a new UnsendRequest instance using the specified properties.
         * @param [properties] Properties to set
         * @returns UnsendRequest instance
         */
        static create(properties: signalservice.UnsendRequest.$Shape): signalservice.UnsendRequest & signalservice.UnsendRequest.$Shape;
        static create(properties?: signalservice.UnsendRequest.$Properties): signalservice.UnsendRequest;

        /**
         * Encodes the specified UnsendRequest message. Does not implicitly {@link signalservice.UnsendRequest.verify|verify} messages.
         * @param message UnsendRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.UnsendRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an UnsendRequest message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.UnsendRequest & signalservice.UnsendRequest.$Shape} UnsendRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.UnsendRequest & signalservice.UnsendRequest.$Shape;

        /**
         * Verifies an UnsendRequest message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for UnsendRequest
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace UnsendRequest {

        /** Properties of an UnsendRequest. */
        interface $Properties {

            /** UnsendRequest timestamp */
            timestamp: number;

            /** UnsendRequest author */
            author: string;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an UnsendRequest. */
        type $Shape = signalservice.UnsendRequest.$Properties;
    }

    /**
     * Properties of a MessageRequestResponse.
     * @deprecated Use signalservice.MessageRequestResponse.$Properties instead.
     */
    interface IMessageRequestResponse extends signalservice.MessageRequestResponse.$Properties {
    }

    /** Represents a MessageRequestResponse. */
    class MessageRequestResponse {

        /**
         * Constructs a new MessageRequestResponse.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.MessageRequestResponse.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** MessageRequestResponse isApproved. */
        isApproved: boolean;

        /** MessageRequestResponse profileKey. */
        profileKey: Uint8Array;

        /** MessageRequestResponse profile. */
        profile?: (signalservice.LokiProfile.$Properties|null);

        /**
         * Creates a new MessageRequestResponse instance using the specified properties.
         * @param [properties] Properties to set
         * @returns MessageRequestResponse instance
         */
        static create(properties: signalservice.MessageRequestResponse.$Shape): signalservice.MessageRequestResponse & signalservice.MessageRequestResponse.$Shape;
        static create(properties?: signalservice.MessageRequestResponse.$Properties): signalservice.MessageRequestResponse;

        /**
         * Encodes the specified MessageRequestResponse message. Does not implicitly {@link signalservice.MessageRequestResponse.verify|verify} messages.
         * @param message MessageRequestResponse message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.MessageRequestResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a MessageRequestResponse message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.MessageRequestResponse & signalservice.MessageRequestResponse.$Shape} MessageRequestResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.MessageRequestResponse & signalservice.MessageRequestResponse.$Shape;

        /**
         * Verifies a MessageRequestResponse message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for MessageRequestResponse
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace MessageRequestResponse {

        /** Properties of a MessageRequestResponse. */
        interface $Properties {

            /** MessageRequestResponse isApproved */
            isApproved: boolean;

            /** MessageRequestResponse profileKey */
            profileKey?: (Uint8Array|null);

            /** MessageRequestResponse profile */
            profile?: (signalservice.LokiProfile.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a MessageRequestResponse. */
        type $Shape = signalservice.MessageRequestResponse.$Properties;
    }

    /**
     * Properties of a DataExtractionNotification.
     * @deprecated Use signalservice.DataExtractionNotification.$Properties instead.
     */
    interface IDataExtractionNotification extends signalservice.DataExtractionNotification.$Properties {
    }

    /** Represents a DataExtractionNotification. */
    class DataExtractionNotification {

        /**
         * Constructs a new DataExtractionNotification.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.DataExtractionNotification.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** DataExtractionNotification type. */
        type: signalservice.DataExtractionNotification.Type;

        /** DataExtractionNotification timestamp. */
        timestamp: number;

        /**
         * Creates a new DataExtractionNotification instance using the specified properties.
         * @param [properties] Properties to set
         * @returns DataExtractionNotification instance
         */
        static create(properties: signalservice.DataExtractionNotification.$Shape): signalservice.DataExtractionNotification & signalservice.DataExtractionNotification.$Shape;
        static create(properties?: signalservice.DataExtractionNotification.$Properties): signalservice.DataExtractionNotification;

        /**
         * Encodes the specified DataExtractionNotification message. Does not implicitly {@link signalservice.DataExtractionNotification.verify|verify} messages.
         * @param message DataExtractionNotification message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.DataExtractionNotification.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a DataExtractionNotification message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.DataExtractionNotification & signalservice.DataExtractionNotification.$Shape} DataExtractionNotification
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.DataExtractionNotification & signalservice.DataExtractionNotification.$Shape;

        /**
         * Verifies a DataExtractionNotification message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for DataExtractionNotification
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace DataExtractionNotification {

        /** Properties of a DataExtractionNotification. */
        interface $Properties {

            /** DataExtractionNotification type */
            type: signalservice.DataExtractionNotification.Type;

            /** DataExtractionNotification timestamp */
            timestamp?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a DataExtractionNotification. */
        type $Shape = signalservice.DataExtractionNotification.$Properties;

        /** Type enum. */
        enum Type {

            /** SCREENSHOT value */
            SCREENSHOT = 1,

            /** MEDIA_SAVED value */
            MEDIA_SAVED = 2
        }
    }

    /**
     * Properties of a CallMessage.
     * @deprecated Use signalservice.CallMessage.$Properties instead.
     */
    interface ICallMessage extends signalservice.CallMessage.$Properties {
    }

    /** Represents a CallMessage. */
    class CallMessage {

        /**
         * Constructs a new CallMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.CallMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** CallMessage type. */
        type: signalservice.CallMessage.Type;

        /** CallMessage sdps. */
        sdps: string[];

        /** CallMessage sdpMLineIndexes. */
        sdpMLineIndexes: number[];

        /** CallMessage sdpMids. */
        sdpMids: string[];

        /** CallMessage uuid. */
        uuid: string;

        /**
         * Creates a new CallMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns CallMessage instance
         */
        static create(properties: signalservice.CallMessage.$Shape): signalservice.CallMessage & signalservice.CallMessage.$Shape;
        static create(properties?: signalservice.CallMessage.$Properties): signalservice.CallMessage;

        /**
         * Encodes the specified CallMessage message. Does not implicitly {@link signalservice.CallMessage.verify|verify} messages.
         * @param message CallMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.CallMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a CallMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.CallMessage & signalservice.CallMessage.$Shape} CallMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.CallMessage & signalservice.CallMessage.$Shape;

        /**
         * Verifies a CallMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for CallMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace CallMessage {

        /** Properties of a CallMessage. */
        interface $Properties {

            /** CallMessage type */
            type: signalservice.CallMessage.Type;

            /** CallMessage sdps */
            sdps?: (string[]|null);

            /** CallMessage sdpMLineIndexes */
            sdpMLineIndexes?: (number[]|null);

            /** CallMessage sdpMids */
            sdpMids?: (string[]|null);

            /** CallMessage uuid */
            uuid: string;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a CallMessage. */
        type $Shape = signalservice.CallMessage.$Properties;

        /** Type enum. */
        enum Type {

            /** PRE_OFFER value */
            PRE_OFFER = 6,

            /** OFFER value */
            OFFER = 1,

            /** ANSWER value */
            ANSWER = 2,

            /** PROVISIONAL_ANSWER value */
            PROVISIONAL_ANSWER = 3,

            /** ICE_CANDIDATES value */
            ICE_CANDIDATES = 4,

            /** END_CALL value */
            END_CALL = 5
        }
    }

    /**
     * Properties of a SharedConfigMessage.
     * @deprecated Use signalservice.SharedConfigMessage.$Properties instead.
     */
    interface ISharedConfigMessage extends signalservice.SharedConfigMessage.$Properties {
    }

    /** Represents a SharedConfigMessage. */
    class SharedConfigMessage {

        /**
         * Constructs a new SharedConfigMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.SharedConfigMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SharedConfigMessage kind. */
        kind: signalservice.SharedConfigMessage.Kind;

        /** SharedConfigMessage seqno. */
        seqno: number;

        /** SharedConfigMessage data. */
        data: Uint8Array;

        /**
         * Creates a new SharedConfigMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SharedConfigMessage instance
         */
        static create(properties: signalservice.SharedConfigMessage.$Shape): signalservice.SharedConfigMessage & signalservice.SharedConfigMessage.$Shape;
        static create(properties?: signalservice.SharedConfigMessage.$Properties): signalservice.SharedConfigMessage;

        /**
         * Encodes the specified SharedConfigMessage message. Does not implicitly {@link signalservice.SharedConfigMessage.verify|verify} messages.
         * @param message SharedConfigMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.SharedConfigMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SharedConfigMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.SharedConfigMessage & signalservice.SharedConfigMessage.$Shape} SharedConfigMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.SharedConfigMessage & signalservice.SharedConfigMessage.$Shape;

        /**
         * Verifies a SharedConfigMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for SharedConfigMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace SharedConfigMessage {

        /** Properties of a SharedConfigMessage. */
        interface $Properties {

            /** SharedConfigMessage kind */
            kind: signalservice.SharedConfigMessage.Kind;

            /** SharedConfigMessage seqno */
            seqno: number;

            /** SharedConfigMessage data */
            data: Uint8Array;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SharedConfigMessage. */
        type $Shape = signalservice.SharedConfigMessage.$Properties;

        /** Kind enum. */
        enum Kind {

            /** USER_PROFILE value */
            USER_PROFILE = 1,

            /** CONTACTS value */
            CONTACTS = 2,

            /** CONVO_INFO_VOLATILE value */
            CONVO_INFO_VOLATILE = 3,

            /** USER_GROUPS value */
            USER_GROUPS = 4
        }
    }

    /**
     * Properties of a GroupUpdateMessage.
     * @deprecated Use signalservice.GroupUpdateMessage.$Properties instead.
     */
    interface IGroupUpdateMessage extends signalservice.GroupUpdateMessage.$Properties {
    }

    /** Represents a GroupUpdateMessage. */
    class GroupUpdateMessage {

        /**
         * Constructs a new GroupUpdateMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdateMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** GroupUpdateMessage inviteMessage. */
        inviteMessage?: (signalservice.GroupUpdateInviteMessage.$Properties|null);

        /** GroupUpdateMessage infoChangeMessage. */
        infoChangeMessage?: (signalservice.GroupUpdateInfoChangeMessage.$Properties|null);

        /** GroupUpdateMessage memberChangeMessage. */
        memberChangeMessage?: (signalservice.GroupUpdateMemberChangeMessage.$Properties|null);

        /** GroupUpdateMessage promoteMessage. */
        promoteMessage?: (signalservice.GroupUpdatePromoteMessage.$Properties|null);

        /** GroupUpdateMessage memberLeftMessage. */
        memberLeftMessage?: (signalservice.GroupUpdateMemberLeftMessage.$Properties|null);

        /** GroupUpdateMessage inviteResponse. */
        inviteResponse?: (signalservice.GroupUpdateInviteResponseMessage.$Properties|null);

        /** GroupUpdateMessage deleteMemberContent. */
        deleteMemberContent?: (signalservice.GroupUpdateDeleteMemberContentMessage.$Properties|null);

        /** GroupUpdateMessage memberLeftNotificationMessage. */
        memberLeftNotificationMessage?: (signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties|null);

        /**
         * Creates a new GroupUpdateMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdateMessage instance
         */
        static create(properties: signalservice.GroupUpdateMessage.$Shape): signalservice.GroupUpdateMessage & signalservice.GroupUpdateMessage.$Shape;
        static create(properties?: signalservice.GroupUpdateMessage.$Properties): signalservice.GroupUpdateMessage;

        /**
         * Encodes the specified GroupUpdateMessage message. Does not implicitly {@link signalservice.GroupUpdateMessage.verify|verify} messages.
         * @param message GroupUpdateMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdateMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdateMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateMessage & signalservice.GroupUpdateMessage.$Shape} GroupUpdateMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdateMessage & signalservice.GroupUpdateMessage.$Shape;

        /**
         * Verifies a GroupUpdateMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdateMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdateMessage {

        /** Properties of a GroupUpdateMessage. */
        interface $Properties {

            /** GroupUpdateMessage inviteMessage */
            inviteMessage?: (signalservice.GroupUpdateInviteMessage.$Properties|null);

            /** GroupUpdateMessage infoChangeMessage */
            infoChangeMessage?: (signalservice.GroupUpdateInfoChangeMessage.$Properties|null);

            /** GroupUpdateMessage memberChangeMessage */
            memberChangeMessage?: (signalservice.GroupUpdateMemberChangeMessage.$Properties|null);

            /** GroupUpdateMessage promoteMessage */
            promoteMessage?: (signalservice.GroupUpdatePromoteMessage.$Properties|null);

            /** GroupUpdateMessage memberLeftMessage */
            memberLeftMessage?: (signalservice.GroupUpdateMemberLeftMessage.$Properties|null);

            /** GroupUpdateMessage inviteResponse */
            inviteResponse?: (signalservice.GroupUpdateInviteResponseMessage.$Properties|null);

            /** GroupUpdateMessage deleteMemberContent */
            deleteMemberContent?: (signalservice.GroupUpdateDeleteMemberContentMessage.$Properties|null);

            /** GroupUpdateMessage memberLeftNotificationMessage */
            memberLeftNotificationMessage?: (signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdateMessage. */
        type $Shape = signalservice.GroupUpdateMessage.$Properties;
    }

    /**
     * Properties of a GroupUpdateInviteMessage.
     * @deprecated Use signalservice.GroupUpdateInviteMessage.$Properties instead.
     */
    interface IGroupUpdateInviteMessage extends signalservice.GroupUpdateInviteMessage.$Properties {
    }

    /** Represents a GroupUpdateInviteMessage. */
    class GroupUpdateInviteMessage {

        /**
         * Constructs a new GroupUpdateInviteMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdateInviteMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** GroupUpdateInviteMessage groupSessionId. */
        groupSessionId: string;

        /** GroupUpdateInviteMessage name. */
        name: string;

        /** GroupUpdateInviteMessage memberAuthData. */
        memberAuthData: Uint8Array;

        /** GroupUpdateInviteMessage adminSignature. */
        adminSignature: Uint8Array;

        /**
         * Creates a new GroupUpdateInviteMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdateInviteMessage instance
         */
        static create(properties: signalservice.GroupUpdateInviteMessage.$Shape): signalservice.GroupUpdateInviteMessage & signalservice.GroupUpdateInviteMessage.$Shape;
        static create(properties?: signalservice.GroupUpdateInviteMessage.$Properties): signalservice.GroupUpdateInviteMessage;

        /**
         * Encodes the specified GroupUpdateInviteMessage message. Does not implicitly {@link signalservice.GroupUpdateInviteMessage.verify|verify} messages.
         * @param message GroupUpdateInviteMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdateInviteMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdateInviteMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateInviteMessage & signalservice.GroupUpdateInviteMessage.$Shape} GroupUpdateInviteMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdateInviteMessage & signalservice.GroupUpdateInviteMessage.$Shape;

        /**
         * Verifies a GroupUpdateInviteMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdateInviteMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdateInviteMessage {

        /** Properties of a GroupUpdateInviteMessage. */
        interface $Properties {

            /** GroupUpdateInviteMessage groupSessionId */
            groupSessionId: string;

            /** GroupUpdateInviteMessage name */
            name: string;

            /** GroupUpdateInviteMessage memberAuthData */
            memberAuthData: Uint8Array;

            /** GroupUpdateInviteMessage adminSignature */
            adminSignature: Uint8Array;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdateInviteMessage. */
        type $Shape = signalservice.GroupUpdateInviteMessage.$Properties;
    }

    /**
     * Properties of a GroupUpdatePromoteMessage.
     * @deprecated Use signalservice.GroupUpdatePromoteMessage.$Properties instead.
     */
    interface IGroupUpdatePromoteMessage extends signalservice.GroupUpdatePromoteMessage.$Properties {
    }

    /** Represents a GroupUpdatePromoteMessage. */
    class GroupUpdatePromoteMessage {

        /**
         * Constructs a new GroupUpdatePromoteMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdatePromoteMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** GroupUpdatePromoteMessage groupIdentitySeed. */
        groupIdentitySeed: Uint8Array;

        /** GroupUpdatePromoteMessage name. */
        name: string;

        /**
         * Creates a new GroupUpdatePromoteMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdatePromoteMessage instance
         */
        static create(properties: signalservice.GroupUpdatePromoteMessage.$Shape): signalservice.GroupUpdatePromoteMessage & signalservice.GroupUpdatePromoteMessage.$Shape;
        static create(properties?: signalservice.GroupUpdatePromoteMessage.$Properties): signalservice.GroupUpdatePromoteMessage;

        /**
         * Encodes the specified GroupUpdatePromoteMessage message. Does not implicitly {@link signalservice.GroupUpdatePromoteMessage.verify|verify} messages.
         * @param message GroupUpdatePromoteMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdatePromoteMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdatePromoteMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdatePromoteMessage & signalservice.GroupUpdatePromoteMessage.$Shape} GroupUpdatePromoteMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdatePromoteMessage & signalservice.GroupUpdatePromoteMessage.$Shape;

        /**
         * Verifies a GroupUpdatePromoteMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdatePromoteMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdatePromoteMessage {

        /** Properties of a GroupUpdatePromoteMessage. */
        interface $Properties {

            /** GroupUpdatePromoteMessage groupIdentitySeed */
            groupIdentitySeed: Uint8Array;

            /** GroupUpdatePromoteMessage name */
            name: string;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdatePromoteMessage. */
        type $Shape = signalservice.GroupUpdatePromoteMessage.$Properties;
    }

    /**
     * Properties of a GroupUpdateInfoChangeMessage.
     * @deprecated Use signalservice.GroupUpdateInfoChangeMessage.$Properties instead.
     */
    interface IGroupUpdateInfoChangeMessage extends signalservice.GroupUpdateInfoChangeMessage.$Properties {
    }

    /** Represents a GroupUpdateInfoChangeMessage. */
    class GroupUpdateInfoChangeMessage {

        /**
         * Constructs a new GroupUpdateInfoChangeMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdateInfoChangeMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** GroupUpdateInfoChangeMessage type. */
        type: signalservice.GroupUpdateInfoChangeMessage.Type;

        /** GroupUpdateInfoChangeMessage updatedName. */
        updatedName: string;

        /** GroupUpdateInfoChangeMessage updatedExpiration. */
        updatedExpiration: number;

        /** GroupUpdateInfoChangeMessage adminSignature. */
        adminSignature: Uint8Array;

        /**
         * Creates a new GroupUpdateInfoChangeMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdateInfoChangeMessage instance
         */
        static create(properties: signalservice.GroupUpdateInfoChangeMessage.$Shape): signalservice.GroupUpdateInfoChangeMessage & signalservice.GroupUpdateInfoChangeMessage.$Shape;
        static create(properties?: signalservice.GroupUpdateInfoChangeMessage.$Properties): signalservice.GroupUpdateInfoChangeMessage;

        /**
         * Encodes the specified GroupUpdateInfoChangeMessage message. Does not implicitly {@link signalservice.GroupUpdateInfoChangeMessage.verify|verify} messages.
         * @param message GroupUpdateInfoChangeMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdateInfoChangeMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdateInfoChangeMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateInfoChangeMessage & signalservice.GroupUpdateInfoChangeMessage.$Shape} GroupUpdateInfoChangeMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdateInfoChangeMessage & signalservice.GroupUpdateInfoChangeMessage.$Shape;

        /**
         * Verifies a GroupUpdateInfoChangeMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdateInfoChangeMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdateInfoChangeMessage {

        /** Properties of a GroupUpdateInfoChangeMessage. */
        interface $Properties {

            /** GroupUpdateInfoChangeMessage type */
            type: signalservice.GroupUpdateInfoChangeMessage.Type;

            /** GroupUpdateInfoChangeMessage updatedName */
            updatedName?: (string|null);

            /** GroupUpdateInfoChangeMessage updatedExpiration */
            updatedExpiration?: (number|null);

            /** GroupUpdateInfoChangeMessage adminSignature */
            adminSignature: Uint8Array;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdateInfoChangeMessage. */
        type $Shape = signalservice.GroupUpdateInfoChangeMessage.$Properties;

        /** Type enum. */
        enum Type {

            /** NAME value */
            NAME = 1,

            /** AVATAR value */
            AVATAR = 2,

            /** DISAPPEARING_MESSAGES value */
            DISAPPEARING_MESSAGES = 3
        }
    }

    /**
     * Properties of a GroupUpdateMemberChangeMessage.
     * @deprecated Use signalservice.GroupUpdateMemberChangeMessage.$Properties instead.
     */
    interface IGroupUpdateMemberChangeMessage extends signalservice.GroupUpdateMemberChangeMessage.$Properties {
    }

    /** Represents a GroupUpdateMemberChangeMessage. */
    class GroupUpdateMemberChangeMessage {

        /**
         * Constructs a new GroupUpdateMemberChangeMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdateMemberChangeMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** GroupUpdateMemberChangeMessage type. */
        type: signalservice.GroupUpdateMemberChangeMessage.Type;

        /** GroupUpdateMemberChangeMessage memberSessionIds. */
        memberSessionIds: string[];

        /** GroupUpdateMemberChangeMessage historyShared. */
        historyShared: boolean;

        /** GroupUpdateMemberChangeMessage adminSignature. */
        adminSignature: Uint8Array;

        /**
         * Creates a new GroupUpdateMemberChangeMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdateMemberChangeMessage instance
         */
        static create(properties: signalservice.GroupUpdateMemberChangeMessage.$Shape): signalservice.GroupUpdateMemberChangeMessage & signalservice.GroupUpdateMemberChangeMessage.$Shape;
        static create(properties?: signalservice.GroupUpdateMemberChangeMessage.$Properties): signalservice.GroupUpdateMemberChangeMessage;

        /**
         * Encodes the specified GroupUpdateMemberChangeMessage message. Does not implicitly {@link signalservice.GroupUpdateMemberChangeMessage.verify|verify} messages.
         * @param message GroupUpdateMemberChangeMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdateMemberChangeMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdateMemberChangeMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateMemberChangeMessage & signalservice.GroupUpdateMemberChangeMessage.$Shape} GroupUpdateMemberChangeMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdateMemberChangeMessage & signalservice.GroupUpdateMemberChangeMessage.$Shape;

        /**
         * Verifies a GroupUpdateMemberChangeMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdateMemberChangeMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdateMemberChangeMessage {

        /** Properties of a GroupUpdateMemberChangeMessage. */
        interface $Properties {

            /** GroupUpdateMemberChangeMessage type */
            type: signalservice.GroupUpdateMemberChangeMessage.Type;

            /** GroupUpdateMemberChangeMessage memberSessionIds */
            memberSessionIds?: (string[]|null);

            /** GroupUpdateMemberChangeMessage historyShared */
            historyShared?: (boolean|null);

            /** GroupUpdateMemberChangeMessage adminSignature */
            adminSignature: Uint8Array;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdateMemberChangeMessage. */
        type $Shape = signalservice.GroupUpdateMemberChangeMessage.$Properties;

        /** Type enum. */
        enum Type {

            /** ADDED value */
            ADDED = 1,

            /** REMOVED value */
            REMOVED = 2,

            /** PROMOTED value */
            PROMOTED = 3
        }
    }

    /**
     * Properties of a GroupUpdateMemberLeftMessage.
     * @deprecated Use signalservice.GroupUpdateMemberLeftMessage.$Properties instead.
     */
    interface IGroupUpdateMemberLeftMessage extends signalservice.GroupUpdateMemberLeftMessage.$Properties {
    }

    /** Represents a GroupUpdateMemberLeftMessage. */
    class GroupUpdateMemberLeftMessage {

        /**
         * Constructs a new GroupUpdateMemberLeftMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdateMemberLeftMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /**
         * Creates a new GroupUpdateMemberLeftMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdateMemberLeftMessage instance
         */
        static create(properties: signalservice.GroupUpdateMemberLeftMessage.$Shape): signalservice.GroupUpdateMemberLeftMessage & signalservice.GroupUpdateMemberLeftMessage.$Shape;
        static create(properties?: signalservice.GroupUpdateMemberLeftMessage.$Properties): signalservice.GroupUpdateMemberLeftMessage;

        /**
         * Encodes the specified GroupUpdateMemberLeftMessage message. Does not implicitly {@link signalservice.GroupUpdateMemberLeftMessage.verify|verify} messages.
         * @param message GroupUpdateMemberLeftMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdateMemberLeftMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdateMemberLeftMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateMemberLeftMessage & signalservice.GroupUpdateMemberLeftMessage.$Shape} GroupUpdateMemberLeftMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdateMemberLeftMessage & signalservice.GroupUpdateMemberLeftMessage.$Shape;

        /**
         * Verifies a GroupUpdateMemberLeftMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdateMemberLeftMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdateMemberLeftMessage {

        /** Properties of a GroupUpdateMemberLeftMessage. */
        interface $Properties {

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdateMemberLeftMessage. */
        type $Shape = signalservice.GroupUpdateMemberLeftMessage.$Properties;
    }

    /**
     * Properties of a GroupUpdateMemberLeftNotificationMessage.
     * @deprecated Use signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties instead.
     */
    interface IGroupUpdateMemberLeftNotificationMessage extends signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties {
    }

    /** Represents a GroupUpdateMemberLeftNotificationMessage. */
    class GroupUpdateMemberLeftNotificationMessage {

        /**
         * Constructs a new GroupUpdateMemberLeftNotificationMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /**
         * Creates a new GroupUpdateMemberLeftNotificationMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdateMemberLeftNotificationMessage instance
         */
        static create(properties: signalservice.GroupUpdateMemberLeftNotificationMessage.$Shape): signalservice.GroupUpdateMemberLeftNotificationMessage & signalservice.GroupUpdateMemberLeftNotificationMessage.$Shape;
        static create(properties?: signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties): signalservice.GroupUpdateMemberLeftNotificationMessage;

        /**
         * Encodes the specified GroupUpdateMemberLeftNotificationMessage message. Does not implicitly {@link signalservice.GroupUpdateMemberLeftNotificationMessage.verify|verify} messages.
         * @param message GroupUpdateMemberLeftNotificationMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdateMemberLeftNotificationMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateMemberLeftNotificationMessage & signalservice.GroupUpdateMemberLeftNotificationMessage.$Shape} GroupUpdateMemberLeftNotificationMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdateMemberLeftNotificationMessage & signalservice.GroupUpdateMemberLeftNotificationMessage.$Shape;

        /**
         * Verifies a GroupUpdateMemberLeftNotificationMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdateMemberLeftNotificationMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdateMemberLeftNotificationMessage {

        /** Properties of a GroupUpdateMemberLeftNotificationMessage. */
        interface $Properties {

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdateMemberLeftNotificationMessage. */
        type $Shape = signalservice.GroupUpdateMemberLeftNotificationMessage.$Properties;
    }

    /**
     * Properties of a GroupUpdateInviteResponseMessage.
     * @deprecated Use signalservice.GroupUpdateInviteResponseMessage.$Properties instead.
     */
    interface IGroupUpdateInviteResponseMessage extends signalservice.GroupUpdateInviteResponseMessage.$Properties {
    }

    /** Represents a GroupUpdateInviteResponseMessage. */
    class GroupUpdateInviteResponseMessage {

        /**
         * Constructs a new GroupUpdateInviteResponseMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdateInviteResponseMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** GroupUpdateInviteResponseMessage isApproved. */
        isApproved: boolean;

        /**
         * Creates a new GroupUpdateInviteResponseMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdateInviteResponseMessage instance
         */
        static create(properties: signalservice.GroupUpdateInviteResponseMessage.$Shape): signalservice.GroupUpdateInviteResponseMessage & signalservice.GroupUpdateInviteResponseMessage.$Shape;
        static create(properties?: signalservice.GroupUpdateInviteResponseMessage.$Properties): signalservice.GroupUpdateInviteResponseMessage;

        /**
         * Encodes the specified GroupUpdateInviteResponseMessage message. Does not implicitly {@link signalservice.GroupUpdateInviteResponseMessage.verify|verify} messages.
         * @param message GroupUpdateInviteResponseMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdateInviteResponseMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdateInviteResponseMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateInviteResponseMessage & signalservice.GroupUpdateInviteResponseMessage.$Shape} GroupUpdateInviteResponseMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdateInviteResponseMessage & signalservice.GroupUpdateInviteResponseMessage.$Shape;

        /**
         * Verifies a GroupUpdateInviteResponseMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdateInviteResponseMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdateInviteResponseMessage {

        /** Properties of a GroupUpdateInviteResponseMessage. */
        interface $Properties {

            /** GroupUpdateInviteResponseMessage isApproved */
            isApproved: boolean;

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdateInviteResponseMessage. */
        type $Shape = signalservice.GroupUpdateInviteResponseMessage.$Properties;
    }

    /**
     * Properties of a GroupUpdateDeleteMemberContentMessage.
     * @deprecated Use signalservice.GroupUpdateDeleteMemberContentMessage.$Properties instead.
     */
    interface IGroupUpdateDeleteMemberContentMessage extends signalservice.GroupUpdateDeleteMemberContentMessage.$Properties {
    }

    /** Represents a GroupUpdateDeleteMemberContentMessage. */
    class GroupUpdateDeleteMemberContentMessage {

        /**
         * Constructs a new GroupUpdateDeleteMemberContentMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.GroupUpdateDeleteMemberContentMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** GroupUpdateDeleteMemberContentMessage memberSessionIds. */
        memberSessionIds: string[];

        /** GroupUpdateDeleteMemberContentMessage messageHashes. */
        messageHashes: string[];

        /** GroupUpdateDeleteMemberContentMessage adminSignature. */
        adminSignature: Uint8Array;

        /**
         * Creates a new GroupUpdateDeleteMemberContentMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns GroupUpdateDeleteMemberContentMessage instance
         */
        static create(properties: signalservice.GroupUpdateDeleteMemberContentMessage.$Shape): signalservice.GroupUpdateDeleteMemberContentMessage & signalservice.GroupUpdateDeleteMemberContentMessage.$Shape;
        static create(properties?: signalservice.GroupUpdateDeleteMemberContentMessage.$Properties): signalservice.GroupUpdateDeleteMemberContentMessage;

        /**
         * Encodes the specified GroupUpdateDeleteMemberContentMessage message. Does not implicitly {@link signalservice.GroupUpdateDeleteMemberContentMessage.verify|verify} messages.
         * @param message GroupUpdateDeleteMemberContentMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.GroupUpdateDeleteMemberContentMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a GroupUpdateDeleteMemberContentMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.GroupUpdateDeleteMemberContentMessage & signalservice.GroupUpdateDeleteMemberContentMessage.$Shape} GroupUpdateDeleteMemberContentMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.GroupUpdateDeleteMemberContentMessage & signalservice.GroupUpdateDeleteMemberContentMessage.$Shape;

        /**
         * Verifies a GroupUpdateDeleteMemberContentMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for GroupUpdateDeleteMemberContentMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupUpdateDeleteMemberContentMessage {

        /** Properties of a GroupUpdateDeleteMemberContentMessage. */
        interface $Properties {

            /** GroupUpdateDeleteMemberContentMessage memberSessionIds */
            memberSessionIds?: (string[]|null);

            /** GroupUpdateDeleteMemberContentMessage messageHashes */
            messageHashes?: (string[]|null);

            /** GroupUpdateDeleteMemberContentMessage adminSignature */
            adminSignature?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a GroupUpdateDeleteMemberContentMessage. */
        type $Shape = signalservice.GroupUpdateDeleteMemberContentMessage.$Properties;
    }

    /**
     * Properties of a ProMessage.
     * @deprecated Use signalservice.ProMessage.$Properties instead.
     */
    interface IProMessage extends signalservice.ProMessage.$Properties {
    }

    /** Represents a ProMessage. */
    class ProMessage {

        /**
         * Constructs a new ProMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.ProMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ProMessage proof. */
        proof?: (signalservice.ProProof.$Properties|null);

        /** ProMessage profileBitset. */
        profileBitset: number;

        /** ProMessage messageBitset. */
        messageBitset: number;

        /**
         * Creates a new ProMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ProMessage instance
         */
        static create(properties: signalservice.ProMessage.$Shape): signalservice.ProMessage & signalservice.ProMessage.$Shape;
        static create(properties?: signalservice.ProMessage.$Properties): signalservice.ProMessage;

        /**
         * Encodes the specified ProMessage message. Does not implicitly {@link signalservice.ProMessage.verify|verify} messages.
         * @param message ProMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.ProMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ProMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.ProMessage & signalservice.ProMessage.$Shape} ProMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.ProMessage & signalservice.ProMessage.$Shape;

        /**
         * Verifies a ProMessage message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for ProMessage
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ProMessage {

        /** Properties of a ProMessage. */
        interface $Properties {

            /** ProMessage proof */
            proof?: (signalservice.ProProof.$Properties|null);

            /** ProMessage profileBitset */
            profileBitset?: (number|null);

            /** ProMessage messageBitset */
            messageBitset?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ProMessage. */
        type $Shape = signalservice.ProMessage.$Properties;
    }

    /**
     * Properties of a ProProof.
     * @deprecated Use signalservice.ProProof.$Properties instead.
     */
    interface IProProof extends signalservice.ProProof.$Properties {
    }

    /** Represents a ProProof. */
    class ProProof {

        /**
         * Constructs a new ProProof.
         * @param [properties] Properties to set
         */
        constructor(properties?: signalservice.ProProof.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ProProof version. */
        version: number;

        /** ProProof genIndexHash. */
        genIndexHash: Uint8Array;

        /** ProProof rotatingPublicKey. */
        rotatingPublicKey: Uint8Array;

        /** ProProof expireAtMs. */
        expireAtMs: number;

        /** ProProof sig. */
        sig: Uint8Array;

        /**
         * Creates a new ProProof instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ProProof instance
         */
        static create(properties: signalservice.ProProof.$Shape): signalservice.ProProof & signalservice.ProProof.$Shape;
        static create(properties?: signalservice.ProProof.$Properties): signalservice.ProProof;

        /**
         * Encodes the specified ProProof message. Does not implicitly {@link signalservice.ProProof.verify|verify} messages.
         * @param message ProProof message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: signalservice.ProProof.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ProProof message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {signalservice.ProProof & signalservice.ProProof.$Shape} ProProof
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): signalservice.ProProof & signalservice.ProProof.$Shape;

        /**
         * Verifies a ProProof message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Gets the type url for ProProof
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ProProof {

        /** Properties of a ProProof. */
        interface $Properties {

            /** ProProof version */
            version?: (number|null);

            /** ProProof genIndexHash */
            genIndexHash?: (Uint8Array|null);

            /** ProProof rotatingPublicKey */
            rotatingPublicKey?: (Uint8Array|null);

            /** ProProof expireAtMs */
            expireAtMs?: (number|null);

            /** ProProof sig */
            sig?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ProProof. */
        type $Shape = signalservice.ProProof.$Properties;
    }
}
