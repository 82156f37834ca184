package io.skywire.wallet.chain;

import io.skywire.node.crypto.Hashes;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * An unsigned local-chain transaction: coins leave the input addresses and arrive at the output addresses, the two
 * sums equal (the local chain takes no fee). Its canonical encoding is in docs/WALLET-FORMAT.md; its id is the
 * SHA-256 of that encoding, which each input's key signs.
 *
 * @param nonce 16 random bytes, so that two transfers of the same amounts between the same addresses differ and a
 *     replayed transaction is recognised as the same one
 * @param inputs the addresses debited, each at most once
 * @param outputs the addresses credited, each at most once
 */
public record Transaction(byte[] nonce, List<Transfer> inputs, List<Transfer> outputs) {

    /** An address and the amount it gives or receives, always positive. */
    public record Transfer(SkycoinAddress address, Droplets amount) {
        public Transfer {
            if (amount.value() < 1) {
                throw new TransactionFormatException("amount for " + address + " must be positive, was " + amount);
            }
        }
    }

    static final byte[] TAG = "SKYWCHTX".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    public static final int NONCE_BYTES = 16;
    /** Most inputs, and most outputs, a transaction may have. */
    public static final int MAX_TRANSFERS = 64;
    private static final int TRANSFER_BYTES = SkycoinAddress.KEY_BYTES + 1 + Long.BYTES;

    public Transaction {
        if (nonce.length != NONCE_BYTES) {
            throw new TransactionFormatException("nonce must be " + NONCE_BYTES + " bytes, was " + nonce.length);
        }
        nonce = nonce.clone();
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Droplets in = checkedSum("inputs", inputs);
        Droplets out = checkedSum("outputs", outputs);
        if (!in.equals(out)) {
            throw new TransactionFormatException("inputs sum to " + in + " but outputs to " + out);
        }
    }

    private static Droplets checkedSum(String what, List<Transfer> transfers) {
        if (transfers.isEmpty() || transfers.size() > MAX_TRANSFERS) {
            throw new TransactionFormatException(what + ": 1.." + MAX_TRANSFERS + " needed, got " + transfers.size());
        }
        Set<SkycoinAddress> seen = new HashSet<>();
        Droplets sum = Droplets.ZERO;
        for (Transfer transfer : transfers) {
            if (!seen.add(transfer.address())) {
                throw new TransactionFormatException(what + ": address " + transfer.address() + " appears twice");
            }
            try {
                sum = sum.plus(transfer.amount());
            } catch (ArithmeticException e) {
                throw new TransactionFormatException(what + " sum overflows 64 bits");
            }
        }
        return sum;
    }

    /** The canonical encoding, the bytes whose SHA-256 is signed. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(inputs.size(), outputs.size()));
        out.put(TAG).put((byte) VERSION).put(nonce);
        putTransfers(out, inputs);
        putTransfers(out, outputs);
        return out.array();
    }

    static int encodedLength(int inputs, int outputs) {
        return TAG.length + 1 + NONCE_BYTES + 2 + (inputs + outputs) * TRANSFER_BYTES;
    }

    private static void putTransfers(ByteBuffer out, List<Transfer> transfers) {
        out.put((byte) transfers.size());
        for (Transfer transfer : transfers) {
            out.put(transfer.address().key()).put(transfer.address().version()).putLong(transfer.amount().value());
        }
    }

    /**
     * Reads a canonical encoding from {@code in}, leaving it just after the transaction.
     *
     * @throws TransactionFormatException when the bytes break any rule of the format
     */
    static Transaction read(ByteBuffer in) {
        try {
            byte[] tag = new byte[TAG.length];
            in.get(tag);
            if (!Arrays.equals(tag, TAG)) {
                throw new TransactionFormatException("not a local-chain transaction (bad tag)");
            }
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new TransactionFormatException("transaction version " + version + " is not supported");
            }
            byte[] nonce = new byte[NONCE_BYTES];
            in.get(nonce);
            List<Transfer> inputs = readTransfers(in);
            List<Transfer> outputs = readTransfers(in);
            return new Transaction(nonce, inputs, outputs);
        } catch (BufferUnderflowException e) {
            throw new TransactionFormatException("transaction is truncated");
        } catch (IllegalArgumentException e) {
            throw e instanceof TransactionFormatException format ? format
                    : new TransactionFormatException(e.getMessage());
        }
    }

    private static List<Transfer> readTransfers(ByteBuffer in) {
        int count = in.get() & 0xff;
        if (count < 1 || count > MAX_TRANSFERS) {
            throw new TransactionFormatException("transfer count must be 1.." + MAX_TRANSFERS + ", was " + count);
        }
        List<Transfer> transfers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[SkycoinAddress.KEY_BYTES];
            in.get(key);
            byte version = in.get();
            transfers.add(new Transfer(SkycoinAddress.fromKey(key, version), Droplets.of(in.getLong())));
        }
        return transfers;
    }

    /** SHA-256 of the encoding: what each input signs, and the transaction's id. */
    public byte[] hash() {
        return Hashes.sha256(encode());
    }

    /** The id: hex of {@link #hash()}. */
    public String id() {
        return HexFormat.of().formatHex(hash());
    }

    /** The total moved. */
    public Droplets amount() {
        Droplets sum = Droplets.ZERO;
        for (Transfer input : inputs) {
            sum = sum.plus(input.amount());
        }
        return sum;
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Transaction that && Arrays.equals(nonce, that.nonce) && inputs.equals(that.inputs)
                && outputs.equals(that.outputs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "Transaction[" + id() + " " + inputs.size() + " in, " + outputs.size() + " out, " + amount() + "]";
    }
}
