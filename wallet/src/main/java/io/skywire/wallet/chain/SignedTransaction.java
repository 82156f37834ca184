package io.skywire.wallet.chain;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A transaction with one 65-byte compact recoverable signature per input, in input order, each made by the key of
 * that input's address over the transaction's hash; on the wire, the transaction's encoding then the signatures.
 *
 * @param transaction the transaction
 * @param signatures r || s || recovery id, low S, one per input
 */
public record SignedTransaction(Transaction transaction, List<byte[]> signatures) {

    /** Longest encoding the chain accepts: 64 inputs, 64 outputs and 64 signatures. */
    public static final int MAX_ENCODED_BYTES = Transaction.encodedLength(Transaction.MAX_TRANSFERS,
            Transaction.MAX_TRANSFERS) + Transaction.MAX_TRANSFERS * Secp256k1.SIGNATURE_BYTES;

    public SignedTransaction {
        List<byte[]> copies = new ArrayList<>(signatures.size());
        for (byte[] signature : signatures) {
            if (signature.length != Secp256k1.SIGNATURE_BYTES) {
                throw new TransactionFormatException("a signature is " + Secp256k1.SIGNATURE_BYTES + " bytes, got "
                        + signature.length);
            }
            copies.add(signature.clone());
        }
        if (copies.size() != transaction.inputs().size()) {
            throw new TransactionFormatException(transaction.inputs().size() + " inputs but " + copies.size()
                    + " signatures");
        }
        signatures = List.copyOf(copies);
    }

    /**
     * Signs {@code transaction} with {@code keys}, the key pair of each input's address in input order.
     *
     * @throws IllegalArgumentException when a key is not the one of its input's address
     */
    public static SignedTransaction sign(Secp256k1 secp256k1, Transaction transaction, List<SkycoinKeyPair> keys) {
        if (keys.size() != transaction.inputs().size()) {
            throw new IllegalArgumentException(keys.size() + " keys for " + transaction.inputs().size() + " inputs");
        }
        byte[] hash = transaction.hash();
        List<byte[]> signatures = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            if (!keys.get(i).address().equals(transaction.inputs().get(i).address())) {
                throw new IllegalArgumentException("key " + i + " is not the key of input " + i);
            }
            signatures.add(secp256k1.sign(keys.get(i).secret(), hash));
        }
        return new SignedTransaction(transaction, signatures);
    }

    /** The transaction's encoding followed by the signatures. */
    public byte[] encode() {
        byte[] body = transaction.encode();
        ByteBuffer out = ByteBuffer.allocate(body.length + signatures.size() * Secp256k1.SIGNATURE_BYTES);
        out.put(body);
        signatures.forEach(out::put);
        return out.array();
    }

    /**
     * Parses the wire form; the signatures are not checked here (the chain does that).
     *
     * @throws TransactionFormatException when the bytes are not exactly one signed transaction
     */
    public static SignedTransaction decode(byte[] encoded) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new TransactionFormatException("a signed transaction is at most " + MAX_ENCODED_BYTES + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        Transaction transaction = Transaction.read(in);
        List<byte[]> signatures = new ArrayList<>();
        try {
            for (int i = 0; i < transaction.inputs().size(); i++) {
                byte[] signature = new byte[Secp256k1.SIGNATURE_BYTES];
                in.get(signature);
                signatures.add(signature);
            }
        } catch (BufferUnderflowException e) {
            throw new TransactionFormatException("signatures are truncated");
        }
        if (in.hasRemaining()) {
            throw new TransactionFormatException(in.remaining() + " bytes after the signatures");
        }
        return new SignedTransaction(transaction, signatures);
    }

    @Override
    public List<byte[]> signatures() {
        List<byte[]> copies = new ArrayList<>(signatures.size());
        signatures.forEach(signature -> copies.add(signature.clone()));
        return copies;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedTransaction that && Arrays.equals(encode(), that.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
