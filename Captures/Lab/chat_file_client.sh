#!/usr/bin/env bash
# A Lync-like client of the chat file service: uploads a file in two chunks and/or
# downloads it, each SOAP call a curl POST from CLIENT_ADDRESS (default 127.0.0.6).
# Usage: chat_file_client.sh BASE-URL [all|upload|download] [CURL-OPTIONS…]
set -euo pipefail
base="$1"; shift
mode="${1:-all}"; [ $# -gt 0 ] && shift
client="${CLIENT_ADDRESS:-127.0.0.6}"
ns="http://www.microsoft.com"
token="0c6a9d5e-71b2-4f0e-a3c8-5d9e2b7f1a40"
channel="6f1d2c3b-0a9e-4b7c-8d21-33c4e5f60718"

call() {   # call ACTION BODY
    curl -s -S --max-time 10 --interface "$client" "$@" -X POST "$base/PersistentChat/MGCWebService.asmx" \
        -H 'Content-Type: text/xml; charset=utf-8' -H "SOAPAction: \"$ns/$action\"" \
        --data-binary "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>$body</s:Body></s:Envelope>" \
        -o /dev/null
}

chunk1=$(head -c 6000 /dev/zero | tr '\0' 'a' | base64 -w0)
chunk2=$(head -c 2000 /dev/zero | tr '\0' 'b' | base64 -w0)
name="a912898f-cf23-476b-a644-0c541d7cfdcf.txt"

if [ "$mode" != download ]; then
action=RequestUniqueFilenameWithExtension body="<RequestUniqueFilenameWithExtension xmlns=\"$ns\"><token>$token</token><channelId>$channel</channelId><extension>.txt</extension></RequestUniqueFilenameWithExtension>" call "$@"
action=GetMaxFileSizeInKB body="<GetMaxFileSizeInKB xmlns=\"$ns\"><token>$token</token></GetMaxFileSizeInKB>" call "$@"
action=GetMaxRequestContentInKB body="<GetMaxRequestContentInKB xmlns=\"$ns\"><token>$token</token></GetMaxRequestContentInKB>" call "$@"
action=AppendChunk body="<AppendChunk xmlns=\"$ns\"><token>$token</token><channelId>$channel</channelId><uniqueFilename>$name</uniqueFilename><fileChunk>$chunk1</fileChunk><offset>0</offset><fileLength>8000</fileLength></AppendChunk>" call "$@"
action=AppendChunk body="<AppendChunk xmlns=\"$ns\"><token>$token</token><channelId>$channel</channelId><uniqueFilename>$name</uniqueFilename><fileChunk>$chunk2</fileChunk><offset>6000</offset><fileLength>8000</fileLength></AppendChunk>" call "$@"
fi
if [ "$mode" != upload ]; then
action=GetFileSize body="<GetFileSize xmlns=\"$ns\"><token>$token</token><channelId>$channel</channelId><reposFileName>$name</reposFileName></GetFileSize>" call "$@"
action=DownloadChunk body="<DownloadChunk xmlns=\"$ns\"><token>$token</token><channelId>$channel</channelId><reposFileName>$name</reposFileName><offset>0</offset><bufferSize>8000</bufferSize></DownloadChunk>" call "$@"
fi
