'use strict';

// Written in the classic codelab style on purpose: globals, flags, string messages.
var isChannelReady = false;
var isInitiator = false;
var isStarted = false;
var localStream;
var pc;
var remoteStream;

var room = new URLSearchParams(window.location.search).get('room') || 'foo';
var socket = io.connect();

socket.emit('create or join', room);
console.log('Attempted to create or join room', room);

socket.on('created', function(room) {
  console.log('Created room ' + room);
  isInitiator = true;
});

socket.on('full', function(room) {
  console.log('Room ' + room + ' is full');
});

socket.on('join', function(room) {
  console.log('Another peer made a request to join room ' + room);
  isChannelReady = true;
});

socket.on('joined', function(room) {
  console.log('joined: ' + room);
  isChannelReady = true;
});

function sendMessage(message) {
  socket.emit('message', message);
}

socket.on('message', function(message) {
  if (message === 'got user media') {
    maybeStart();
  } else if (message.type === 'offer') {
    if (!isInitiator && !isStarted) {
      maybeStart();
    }
    pc.setRemoteDescription(new RTCSessionDescription(message));
    doAnswer();
  } else if (message.type === 'answer' && isStarted) {
    pc.setRemoteDescription(new RTCSessionDescription(message));
  } else if (message.type === 'candidate' && isStarted) {
    pc.addIceCandidate(new RTCIceCandidate({
      sdpMLineIndex: message.label,
      candidate: message.candidate
    }));
  } else if (message === 'bye' && isStarted) {
    handleRemoteHangup();
  }
});

var localVideo = document.querySelector('#localVideo');
var remoteVideo = document.querySelector('#remoteVideo');

navigator.mediaDevices.getUserMedia({audio: true, video: true})
  .then(gotStream)
  .catch(function(e) {
    alert('getUserMedia() error: ' + e.name);
  });

function gotStream(stream) {
  localStream = stream;
  localVideo.srcObject = stream;
  sendMessage('got user media');
  if (isInitiator) {
    maybeStart();
  }
}

function maybeStart() {
  if (!isStarted && typeof localStream !== 'undefined' && isChannelReady) {
    createPeerConnection();
    localStream.getTracks().forEach(function(track) {
      pc.addTrack(track, localStream);
    });
    isStarted = true;
    if (isInitiator) {
      doCall();
    }
  }
}

window.onbeforeunload = function() {
  sendMessage('bye');
};

function createPeerConnection() {
  pc = new RTCPeerConnection(null);
  pc.onicecandidate = handleIceCandidate;
  pc.ontrack = handleRemoteTrack;
}

function handleIceCandidate(event) {
  if (event.candidate) {
    sendMessage({
      type: 'candidate',
      label: event.candidate.sdpMLineIndex,
      id: event.candidate.sdpMid,
      candidate: event.candidate.candidate
    });
  } else {
    console.log('End of candidates.');
  }
}

function handleRemoteTrack(event) {
  if (remoteStream !== event.streams[0]) {
    remoteStream = event.streams[0];
    remoteVideo.srcObject = remoteStream;
  }
}

function doCall() {
  pc.createOffer().then(setLocalAndSendMessage);
}

function doAnswer() {
  pc.createAnswer().then(setLocalAndSendMessage);
}

function setLocalAndSendMessage(sessionDescription) {
  pc.setLocalDescription(sessionDescription);
  sendMessage(sessionDescription);
}

function handleRemoteHangup() {
  isStarted = false;
  pc.close();
  pc = null;
  isInitiator = false;
}
